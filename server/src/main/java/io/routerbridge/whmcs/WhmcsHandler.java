package io.routerbridge.whmcs;

/** Handles one WHMCS module function or hook. Throw a DomainException to answer with an error. */
@FunctionalInterface
public interface WhmcsHandler {
    ModuleResult handle(WhmcsParams params);
}
