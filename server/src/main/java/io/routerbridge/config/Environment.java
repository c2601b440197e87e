package io.routerbridge.config;

import java.util.Map;

/** Typed reads of environment variables; every failure names the variable and hides its value. */
public final class Environment {
    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public String required(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigException(name + " is not set");
        }
        return value.strip();
    }

    /** For values such as a database password, which may legitimately be empty but must be given. */
    public String requiredAllowEmpty(String name) {
        String value = variables.get(name);
        if (value == null) {
            throw new ConfigException(name + " is not set");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public int requiredInt(String name, int min, int max) {
        return parseInt(name, required(name), min, max);
    }

    public int optionalInt(String name, int fallback, int min, int max) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? fallback : parseInt(name, value.strip(), min, max);
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number from " + min + " to " + max);
    }
}
