package io.routerbridge.errors;

/** The thing asked for does not exist (HTTP 404). */
public class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super(message, null);
    }

    public NotFoundException(String message, String field) {
        super(message, field);
    }

    public NotFoundException(String message, String field, Throwable cause) {
        super(message, field, cause);
    }
}
