package io.routerbridge.emulator.menu;

/** Validates and normalises an input value into the form print shows. */
@FunctionalInterface
public interface ValueType {
    String normalize(String field, String raw, RouterState state);
}
