package io.routerbridge.ipam;

/** Base of the IP address management errors; their messages are fit to show to an operator. */
public class IpamException extends RuntimeException {
    public IpamException(String message) {
        super(message);
    }
}
