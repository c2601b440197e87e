package io.routerbridge.routeros;

/** Connecting, logging in or a command took longer than its configured timeout. */
public class RouterTimeoutException extends RouterOsException {
    public RouterTimeoutException(String message) {
        super(message);
    }
}
