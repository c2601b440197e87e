package io.routerbridge.routeros;

/** The connection could not be opened, was closed, broke, or the router sent something we cannot speak. */
public class RouterConnectionException extends RouterOsException {
    public RouterConnectionException(String message) {
        super(message);
    }

    public RouterConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
