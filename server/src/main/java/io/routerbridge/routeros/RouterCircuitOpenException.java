package io.routerbridge.routeros;

/** Failed fast: the router failed too many connection attempts in a row and is resting. */
public class RouterCircuitOpenException extends RouterOsException {
    public RouterCircuitOpenException(String message) {
        super(message);
    }
}
