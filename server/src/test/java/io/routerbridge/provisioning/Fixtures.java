package io.routerbridge.provisioning;

import java.util.List;

/** Services used across the tests. */
final class Fixtures {

    static final String SUPERNET = "10.64.0.0/16";

    private Fixtures() {
    }

    static VpnNatTenant tenant(String id, ServiceStatus status) {
        return new VpnNatTenant(id, "203.0.113.10", "ether1", "10.64.0.8/29", SUPERNET, status,
                List.of(new VpnNatTenant.VpnUser("alice", "s3cret", "l2tp", "default-encryption", "10M/10M", false,
                                "10.64.0.10"),
                        new VpnNatTenant.VpnUser("bob", "pa ss=!\"x", "sstp", "default-encryption", "5M/2M", false,
                                "10.64.0.11")),
                List.of(new VpnNatTenant.PortForward("tcp", 8080, "10.64.0.10", 80)));
    }

    static VpnNatTenant otherTenant(String id, ServiceStatus status) {
        return new VpnNatTenant(id, "203.0.113.11", "ether1", "10.64.0.16/29", SUPERNET, status,
                List.of(new VpnNatTenant.VpnUser("carol", "pw", "l2tp", "default-encryption", "20M/20M", false,
                        "10.64.0.18")),
                List.of());
    }

    static PppoeSubscriber pppoe(String id, ServiceStatus status) {
        return new PppoeSubscriber(id, "sub-" + id, "pw" + id, "gold", "disconnect", null, status);
    }

    static StaticSubscriber statik(String id, String ip, ServiceStatus status) {
        return new StaticSubscriber(id, ip, "10M/10M", status);
    }
}
