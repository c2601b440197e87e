package io.routerbridge.ipam;

public class PoolExhaustedException extends IpamException {
    public PoolExhaustedException(String poolName, AddressFamily family, int prefixLength) {
        super(prefixLength == family.bits()
                ? "pool " + poolName + " has no free address"
                : "pool " + poolName + " has no free /" + prefixLength + " block");
    }
}
