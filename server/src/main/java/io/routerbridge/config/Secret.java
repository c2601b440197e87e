package io.routerbridge.config;

import java.util.Objects;

/** A secret string that never shows itself in toString (and therefore in logs). */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public String reveal() {
        return value;
    }

    public int length() {
        return value.length();
    }

    @Override
    public String toString() {
        return "******";
    }
}
