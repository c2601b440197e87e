package io.routerbridge.config;

/** A missing or malformed setting; the message is one line naming the variable, never its value. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
