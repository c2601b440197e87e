package io.routerbridge.routeros;

/** Base of every failure the RouterOS client reports; subclasses say what kind. */
public class RouterOsException extends RuntimeException {
    public RouterOsException(String message) {
        super(message);
    }

    public RouterOsException(String message, Throwable cause) {
        super(message, cause);
    }
}
