package io.routerbridge.provisioning;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mode {@code vpn-nat} (seed 000): a tenant with one public IP on the WAN interface and a private prefix carved
 * from a supernet all tenants share. On the router: the public IP, src-nat private → public, a forward accept
 * inside the prefix followed by a drop from the prefix to the supernet (isolation), one PPP secret and one simple
 * queue per VPN user, and dst-nat port forwards. The first host of the prefix is the router's end of the tunnels.
 */
public record VpnNatTenant(String serviceId, String publicIp, String wanInterface, String privatePrefix,
                           String tenantSupernet, ServiceStatus status, List<VpnUser> vpnUsers,
                           List<PortForward> portForwards) implements ServiceSpec {

    /** A VPN account. {@code remoteAddress} is the address the database assigned inside the tenant prefix. */
    public record VpnUser(String name, String password, String service, String profile, String rateLimit,
                          boolean disabled, String remoteAddress) {
        public VpnUser {
            Addresses.requireText("VPN user name", name);
            Addresses.requireText("VPN user service", service);
            Addresses.requireText("VPN user profile", profile);
            if (password == null) {
                throw new IllegalArgumentException("VPN user password is required");
            }
            if (rateLimit != null && !ValueNormalizer.isRatePair(rateLimit)) {
                throw new IllegalArgumentException("rate limit must look like 10M/10M: " + rateLimit);
            }
        }
    }

    /** A client-managed port forward from {@code publicIp:publicPort} to {@code privateIp:privatePort}. */
    public record PortForward(String protocol, int publicPort, String privateIp, int privatePort) {
        public PortForward {
            if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
                throw new IllegalArgumentException("port forward protocol must be tcp or udp: " + protocol);
            }
            if (publicPort < 1 || publicPort > 65535 || privatePort < 1 || privatePort > 65535) {
                throw new IllegalArgumentException("ports must be within 1..65535");
            }
        }
    }

    public VpnNatTenant {
        Addresses.requireText("service id", serviceId);
        Addresses.requireText("WAN interface", wanInterface);
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
        vpnUsers = List.copyOf(vpnUsers);
        portForwards = List.copyOf(portForwards);
        Addresses.host("public IP", publicIp);
        IPAddress prefix = Addresses.prefix("private prefix", privatePrefix);
        IPAddress supernet = Addresses.prefix("tenant supernet", tenantSupernet);
        if (!supernet.contains(prefix)) {
            throw new IllegalArgumentException("private prefix " + privatePrefix + " is outside " + tenantSupernet);
        }
        String gateway = Addresses.text(prefix.getLower().increment(1));
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (VpnUser user : vpnUsers) {
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("duplicate VPN user " + user.name());
            }
            IPAddress address = Addresses.host("remote address of " + user.name(), user.remoteAddress());
            if (!prefix.contains(address) || Addresses.text(address).equals(gateway)
                    || address.equals(prefix.getLower().withoutPrefixLength())) {
                throw new IllegalArgumentException("remote address of " + user.name() + " must be a host of "
                        + privatePrefix + " other than the gateway " + gateway);
            }
            if (!addresses.add(Addresses.text(address))) {
                throw new IllegalArgumentException("two VPN users share " + user.remoteAddress());
            }
        }
        Set<String> forwards = new HashSet<>();
        for (PortForward forward : portForwards) {
            if (!prefix.contains(Addresses.host("port forward target", forward.privateIp()))) {
                throw new IllegalArgumentException("port forward target " + forward.privateIp()
                        + " is outside " + privatePrefix);
            }
            if (!forwards.add(forward.protocol() + "-" + forward.publicPort())) {
                throw new IllegalArgumentException("two port forwards use " + forward.protocol() + " port "
                        + forward.publicPort());
            }
        }
    }

    @Override
    public List<RouterObject> objects() {
        if (status == ServiceStatus.TERMINATED) {
            return List.of();
        }
        IPAddress prefix = Addresses.prefix("private prefix", privatePrefix);
        String prefixText = Addresses.prefixText(prefix);
        String publicHost = Addresses.text(Addresses.host("public IP", publicIp));
        String gateway = Addresses.text(prefix.getLower().increment(1));
        List<RouterObject> objects = new ArrayList<>();
        objects.add(RouterObject.of(Menu.IP_ADDRESS, marker("public-ip"),
                "address", publicHost + "/" + Addresses.host("public IP", publicIp).getBitCount(),
                "interface", wanInterface));
        objects.add(RouterObject.of(Menu.NAT, marker("srcnat"),
                "chain", "srcnat", "action", "src-nat", "src-address", prefixText,
                "to-addresses", publicHost, "out-interface", wanInterface));
        for (PortForward forward : portForwards) {
            objects.add(RouterObject.of(Menu.NAT,
                    OwnershipMarker.of(serviceId, "port-forward", forward.protocol() + "-" + forward.publicPort()),
                    "chain", "dstnat", "action", "dst-nat", "protocol", forward.protocol(),
                    "dst-address", publicHost, "dst-port", Integer.toString(forward.publicPort()),
                    "to-addresses", Addresses.text(Addresses.host("port forward target", forward.privateIp())),
                    "to-ports", Integer.toString(forward.privatePort())));
        }
        objects.add(RouterObject.of(Menu.FILTER, marker("accept-inside"),
                "chain", "forward", "action", "accept", "src-address", prefixText, "dst-address", prefixText));
        objects.add(RouterObject.of(Menu.FILTER, marker("isolate"),
                "chain", "forward", "action", "drop", "src-address", prefixText,
                "dst-address", Addresses.prefixText(Addresses.prefix("tenant supernet", tenantSupernet))));
        boolean suspended = status == ServiceStatus.SUSPENDED;
        for (VpnUser user : vpnUsers) {
            String remote = Addresses.text(Addresses.host("remote address", user.remoteAddress()));
            objects.add(RouterObject.of(Menu.PPP_SECRET, OwnershipMarker.of(serviceId, "vpn-user", user.name()),
                    "name", user.name(), "password", user.password(), "service", user.service(),
                    "profile", user.profile(), "local-address", gateway, "remote-address", remote,
                    "disabled", suspended || user.disabled() ? "yes" : "no"));
            if (user.rateLimit() != null) {
                objects.add(RouterObject.of(Menu.QUEUE_SIMPLE, OwnershipMarker.of(serviceId, "vpn-queue", user.name()),
                        "name", "rb-" + serviceId + "-" + user.name(), "target", remote + "/" + Addresses.host("remote address", remote).getBitCount(),
                        "max-limit", user.rateLimit()));
            }
        }
        return objects;
    }

    @Override
    public Teardown teardown() {
        Set<String> sessions = new HashSet<>();
        for (VpnUser user : vpnUsers) {
            if (status != ServiceStatus.ACTIVE || user.disabled()) {
                sessions.add(user.name());
            }
        }
        List<String> prefixes = status == ServiceStatus.ACTIVE ? List.of()
                : List.of(Addresses.prefixText(Addresses.prefix("private prefix", privatePrefix)));
        return new Teardown(sessions, prefixes);
    }

    @Override
    public List<String> liveNetworks() {
        return status == ServiceStatus.ACTIVE
                ? List.of(Addresses.prefixText(Addresses.prefix("private prefix", privatePrefix))) : List.of();
    }

    private OwnershipMarker marker(String role) {
        return OwnershipMarker.of(serviceId, role);
    }
}
