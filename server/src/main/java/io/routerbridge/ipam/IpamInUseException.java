package io.routerbridge.ipam;

/** A subnet or pool cannot be removed while something still uses it. */
public class IpamInUseException extends IpamException {
    public IpamInUseException(String message) {
        super(message);
    }
}
