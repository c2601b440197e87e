package io.routerbridge.errors;

/** The caller is authenticated but may not do this (HTTP 403). */
public class ForbiddenException extends DomainException {
    public ForbiddenException(String message) {
        super(message, null);
    }

    public ForbiddenException(String message, String field) {
        super(message, field);
    }

    public ForbiddenException(String message, String field, Throwable cause) {
        super(message, field, cause);
    }
}
