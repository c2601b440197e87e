package io.routerbridge.routeros;

/** The router refused the user name or password. */
public class RouterLoginException extends RouterOsException {
    public RouterLoginException(String message) {
        super(message);
    }
}
