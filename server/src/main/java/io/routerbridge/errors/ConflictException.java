package io.routerbridge.errors;

/** The request conflicts with the current state (HTTP 409). */
public class ConflictException extends DomainException {
    public ConflictException(String message) {
        super(message, null);
    }

    public ConflictException(String message, String field) {
        super(message, field);
    }

    public ConflictException(String message, String field, Throwable cause) {
        super(message, field, cause);
    }
}
