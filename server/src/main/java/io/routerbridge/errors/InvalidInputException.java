package io.routerbridge.errors;

/** The request is malformed or a value is not acceptable (HTTP 400). */
public class InvalidInputException extends DomainException {
    public InvalidInputException(String message) {
        super(message, null);
    }

    public InvalidInputException(String message, String field) {
        super(message, field);
    }

    public InvalidInputException(String message, String field, Throwable cause) {
        super(message, field, cause);
    }
}
