package io.routerbridge.errors;

/** A part we depend on (a router, the database) cannot be reached right now (HTTP 503). */
public class UnavailableException extends DomainException {
    public UnavailableException(String message) {
        super(message, null);
    }

    public UnavailableException(String message, String field) {
        super(message, field);
    }

    public UnavailableException(String message, String field, Throwable cause) {
        super(message, field, cause);
    }
}
