package io.routerbridge.errors;

/** The caller could not be authenticated (HTTP 401). */
public class UnauthorizedException extends DomainException {
    public UnauthorizedException(String message) {
        super(message, null);
    }

    public UnauthorizedException(String message, String field) {
        super(message, field);
    }

    public UnauthorizedException(String message, String field, Throwable cause) {
        super(message, field, cause);
    }
}
