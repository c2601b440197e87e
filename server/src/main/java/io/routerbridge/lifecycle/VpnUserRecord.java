package io.routerbridge.lifecycle;

/** A VPN user of a vpn-nat tenant as stored (password decrypted only in memory). */
public record VpnUserRecord(long id, long serviceId, String name, String password, String remoteAddress,
                            boolean disabled) {
    @Override
    public String toString() {
        return "VpnUserRecord[id=" + id + ", serviceId=" + serviceId + ", name=" + name + ", password=******]";
    }
}
