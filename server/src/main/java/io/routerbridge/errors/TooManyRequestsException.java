package io.routerbridge.errors;

/** The caller must wait before trying again (HTTP 429). */
public class TooManyRequestsException extends DomainException {
    public TooManyRequestsException(String message) {
        super(message, null);
    }
}
