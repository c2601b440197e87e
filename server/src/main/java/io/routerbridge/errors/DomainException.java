package io.routerbridge.errors;

import java.util.Optional;

/**
 * A failure the caller can understand and act on. The HTTP edge maps each subclass to a 4xx/5xx
 * status with {@code {"error": message, "field": field}}; messages are shown to WHMCS admins and
 * API clients, so they must never contain secrets.
 */
public abstract class DomainException extends RuntimeException {
    private final String field;

    protected DomainException(String message, String field) {
        super(message);
        this.field = field;
    }

    protected DomainException(String message, String field, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The input field the error is about, when there is one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
