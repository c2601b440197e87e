package io.routerbridge.emulator.menu;

import static io.routerbridge.emulator.menu.Field.bool;
import static io.routerbridge.emulator.menu.Field.readOnly;
import static io.routerbridge.emulator.menu.Field.rw;
import static io.routerbridge.emulator.menu.Field.text;
import static io.routerbridge.emulator.menu.Field.writeOnly;

import io.routerbridge.emulator.ip.Ipv4;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The menus the emulator offers, as declarations (fields, defaults, keys, error texts). */
public final class RouterMenus {
    private RouterMenus() {
    }

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final Set<String> PORTED_PROTOCOLS = Set.of("tcp", "udp", "udp-lite", "sctp", "dccp", "6", "17",
            "136", "132", "33");

    public static final int ETHERNET_PORTS = 4;

    public static List<MenuSpec> all(String rosVersion) {
        List<MenuSpec> specs = new ArrayList<>();
        specs.add(interfaces());
        specs.add(interfaceLists());
        specs.add(interfaceListMembers());
        specs.add(l2tpServer());
        specs.add(ipPool());
        specs.add(ipAddress());
        specs.add(ipRoute());
        specs.add(firewall("/ip/firewall/filter", true));
        specs.add(firewall("/ip/firewall/nat", false));
        specs.add(addressList());
        specs.add(connections());
        specs.add(pppProfile());
        specs.add(pppSecret());
        specs.add(pppActive());
        specs.add(simpleQueue());
        specs.add(identity());
        specs.add(resource(rosVersion));
        return specs;
    }

    static MenuSpec interfaces() {
        MenuSpec.Builder b = MenuSpec.list("/interface")
                .commands(Set.of("print", "getall", "listen", "get", "set", "enable", "disable", "unset", "remove"))
                .named("name")
                .fields(text("name"), readOnly("default-name", null), readOnly("type", "ether"),
                        rw("mtu", ValueTypes.INTEGER, "1500"), readOnly("actual-mtu", "1500"),
                        readOnly("l2mtu", null), readOnly("mac-address", null), readOnly("link-downs", "0"),
                        readOnly("running", "true"), readOnly("slave", "false"), readOnly("dynamic", "false"),
                        bool("disabled", false), text("comment"))
                .required("name")
                .unique("failure: already have interface with such name", "name")
                .removeGuard((item, s) -> {
                    if (!item.dynamic()) {
                        throw ApiError.of("failure: can not remove " + item.get("type") + " interface");
                    }
                });
        for (int i = 1; i <= ETHERNET_PORTS; i++) {
            b.initially(Map.of("name", "ether" + i, "default-name", "ether" + i, "type", "ether",
                    "l2mtu", "1500", "mac-address", String.format("0C:52:11:00:00:%02X", i)));
        }
        return b.build();
    }

    static MenuSpec interfaceLists() {
        MenuSpec.Builder b = MenuSpec.list("/interface/list")
                .named("name")
                .fields(text("name"), text("include", ""), text("exclude", ""), readOnly("builtin", "false"),
                        readOnly("dynamic", "false"), text("comment"))
                .required("name")
                .unique("failure: already have interface list with such name", "name")
                .removeGuard((item, s) -> {
                    if ("true".equals(item.get("builtin"))) {
                        throw ApiError.of("failure: can not remove builtin interface list");
                    }
                });
        for (String name : List.of("all", "none", "dynamic", "static")) {
            b.initially(Map.of("name", name, "builtin", "true"));
        }
        b.initially(Map.of("name", "WAN"));
        b.initially(Map.of("name", "LAN"));
        return b.build();
    }

    static MenuSpec interfaceListMembers() {
        MenuSpec.Builder b = MenuSpec.list("/interface/list/member")
                .fields(rw("list", ValueTypes.reference("/interface/list", false)),
                        rw("interface", ValueTypes.reference("/interface", false)),
                        readOnly("dynamic", "false"), bool("disabled", false), text("comment"))
                .required("list", "interface")
                .unique("failure: already have such entry", "list", "interface");
        b.initially(Map.of("list", "WAN", "interface", "ether1"));
        for (int i = 2; i <= ETHERNET_PORTS; i++) {
            b.initially(Map.of("list", "LAN", "interface", "ether" + i));
        }
        return b.build();
    }

    static MenuSpec l2tpServer() {
        return MenuSpec.singleton("/interface/l2tp-server/server")
                .fields(bool("enabled", false), rw("max-mtu", ValueTypes.INTEGER, "1450"),
                        rw("max-mru", ValueTypes.INTEGER, "1450"), text("mrru", "disabled"),
                        text("authentication", "pap,chap,mschap1,mschap2"),
                        rw("keepalive-timeout", ValueTypes.INTEGER, "30"), text("max-sessions", "unlimited"),
                        rw("default-profile", ValueTypes.reference("/ppp/profile", false), "default-encryption"),
                        rw("use-ipsec", ValueTypes.oneOf("no", "yes", "required"), "no"), text("ipsec-secret", ""),
                        bool("one-session-per-host", false), bool("allow-fast-path", false),
                        rw("caller-id-type", ValueTypes.oneOf("ip-address", "number"), "ip-address"))
                .initially(Map.of())
                .build();
    }

    static MenuSpec ipPool() {
        return MenuSpec.list("/ip/pool")
                .named("name")
                .fields(text("name"), rw("ranges", ValueTypes.IP_RANGES),
                        rw("next-pool", ValueTypes.reference("/ip/pool", false, "none"), "none"), text("comment"))
                .required("name", "ranges")
                .unique("failure: pool with such name already exists", "name")
                .build();
    }

    static MenuSpec ipAddress() {
        return MenuSpec.list("/ip/address")
                .fields(rw("address", ValueTypes.IPV4_WITH_PREFIX), readOnly("network", null),
                        rw("interface", ValueTypes.reference("/interface", false)), readOnly("actual-interface", null),
                        readOnly("invalid", "false"), readOnly("dynamic", "false"), bool("disabled", false),
                        text("comment"))
                .required("address", "interface")
                .onWrite((c, s, existing) -> {
                    long[] p = Ipv4.parsePrefix(c.get("address"));
                    c.put("network", Ipv4.format(p[0] & Ipv4.mask((int) p[1])));
                    c.put("actual-interface", c.get("interface"));
                })
                .unique("failure: already have such address",
                        row -> List.of(hostPart(row.get("address")), row.getOrDefault("interface", "")))
                .build();
    }

    private static String hostPart(String address) {
        if (address == null) {
            return "";
        }
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    static MenuSpec ipRoute() {
        return MenuSpec.list("/ip/route")
                .fields(rw("dst-address", (f, raw, s) -> {
                    long[] p = Ipv4.parsePrefix(raw);
                    if (p == null) {
                        throw ApiError.invalidValue(f);
                    }
                    return Ipv4.format(p[0] & Ipv4.mask((int) p[1])) + "/" + p[1];
                }, "0.0.0.0/0"), text("gateway"), rw("distance", ValueTypes.INTEGER, "1"),
                        rw("scope", ValueTypes.INTEGER, "30"), rw("target-scope", ValueTypes.INTEGER, "10"),
                        text("routing-table", "main"), readOnly("active", "true"), readOnly("dynamic", "false"),
                        readOnly("static", "true"), readOnly("inactive", "false"), bool("disabled", false),
                        text("comment"))
                .required("gateway")
                .initially(Map.of("dst-address", "0.0.0.0/0", "gateway", "ether1"))
                .build();
    }

    static MenuSpec firewall(String path, boolean filter) {
        List<Field> fields = new ArrayList<>();
        fields.add(rw("chain", (f, raw, s) -> {
            if (raw.isBlank()) {
                throw ApiError.invalidValue(f);
            }
            return raw;
        }));
        fields.add(rw("action", filter
                ? ValueTypes.oneOf("accept", "drop", "reject", "tarpit", "log", "passthrough",
                        "add-src-to-address-list", "add-dst-to-address-list", "fasttrack-connection", "jump", "return")
                : ValueTypes.oneOf("accept", "dst-nat", "src-nat", "masquerade", "redirect", "netmap", "same",
                        "endpoint-independent-nat", "log", "passthrough", "add-src-to-address-list",
                        "add-dst-to-address-list", "jump", "return"), "accept"));
        fields.add(rw("src-address", ValueTypes.IP_MATCHER));
        fields.add(rw("dst-address", ValueTypes.IP_MATCHER));
        fields.add(text("src-address-list"));
        fields.add(text("dst-address-list"));
        fields.add(rw("protocol", ValueTypes.PROTOCOL));
        fields.add(rw("src-port", ValueTypes.PORTS));
        fields.add(rw("dst-port", ValueTypes.PORTS));
        fields.add(rw("port", ValueTypes.PORTS));
        fields.add(rw("in-interface", ValueTypes.reference("/interface", true, "all")));
        fields.add(rw("out-interface", ValueTypes.reference("/interface", true, "all")));
        fields.add(rw("in-interface-list", ValueTypes.reference("/interface/list", true)));
        fields.add(rw("out-interface-list", ValueTypes.reference("/interface/list", true)));
        if (filter) {
            fields.add(rw("connection-state",
                    ValueTypes.negatableSetOf("invalid", "established", "related", "new", "untracked")));
            fields.add(rw("connection-nat-state", ValueTypes.negatableSetOf("srcnat", "dstnat", "ein-snat", "ein-dnat")));
            fields.add(rw("reject-with", ValueTypes.oneOf("icmp-network-unreachable", "icmp-host-unreachable",
                    "icmp-protocol-unreachable", "icmp-port-unreachable", "icmp-net-prohibited",
                    "icmp-host-prohibited", "tcp-reset", "icmp-admin-prohibited")));
        } else {
            fields.add(rw("to-addresses", ValueTypes.IP_OR_RANGE));
            fields.add(rw("to-ports", ValueTypes.PORTS));
        }
        fields.add(text("jump-target"));
        fields.add(text("address-list"));
        fields.add(rw("address-list-timeout", ValueTypes.TEXT));
        fields.add(bool("log", false));
        fields.add(text("log-prefix", ""));
        fields.add(readOnly("bytes", "0"));
        fields.add(readOnly("packets", "0"));
        fields.add(readOnly("invalid", "false"));
        fields.add(readOnly("dynamic", "false"));
        fields.add(bool("disabled", false));
        fields.add(text("comment"));
        fields.add(writeOnly("place-before"));
        return MenuSpec.list(path)
                .fields(fields.toArray(Field[]::new))
                .required("chain")
                .onWrite((c, s, existing) -> {
                    if ("jump".equals(c.get("action")) && (c.get("jump-target") == null
                            || c.get("jump-target").isEmpty())) {
                        throw ApiError.of("failure: jump-target not specified", 1);
                    }
                    String protocol = c.get("protocol");
                    for (String portField : List.of("src-port", "dst-port", "port")) {
                        if (c.get(portField) != null && (protocol == null || !PORTED_PROTOCOLS.contains(protocol))) {
                            throw ApiError.of("failure: " + portField
                                    + " can be set only for tcp, udp, udp-lite, sctp or dccp protocol", 1);
                        }
                    }
                })
                .build();
    }

    static MenuSpec addressList() {
        return MenuSpec.list("/ip/firewall/address-list")
                .fields(text("list"), rw("address", RouterMenus::normalizeListAddress),
                        rw("timeout", ValueTypes.DURATION), readOnly("creation-time", null),
                        readOnly("dynamic", "false"), bool("disabled", false), text("comment"))
                .required("list", "address")
                .unique("failure: already have such entry", "list", "address")
                .onWrite((c, s, existing) -> {
                    long created = existing == null ? System.currentTimeMillis() : existing.createdAt();
                    c.put("creation-time", DATE_TIME.format(Instant.ofEpochMilli(created)));
                })
                .view((row, item, s) -> {
                    if (item.expiresAt != 0) {
                        row.put("timeout",
                                ValueTypes.formatDuration(Math.max(0, item.expiresAt - System.currentTimeMillis())
                                        / 1000 * 1000));
                    }
                })
                .build();
    }

    /** Address lists store prefixes by their network, /32 as a bare IP and exact-prefix ranges as prefixes. */
    static String normalizeListAddress(String field, String raw, RouterState state) {
        if (raw.contains("-")) {
            long[] r = Ipv4.parseRange(raw);
            if (r == null) {
                return raw;
            }
            for (int len = 0; len <= 32; len++) {
                long m = Ipv4.mask(len);
                if ((r[0] & m) == r[0] && (r[0] | (~m & 0xFFFFFFFFL)) == r[1]) {
                    return len == 32 ? Ipv4.format(r[0]) : Ipv4.format(r[0]) + "/" + len;
                }
            }
            return Ipv4.format(r[0]) + "-" + Ipv4.format(r[1]);
        }
        long[] p = Ipv4.parsePrefix(raw);
        if (p == null) {
            return raw;
        }
        if (p[1] == 32) {
            return Ipv4.format(p[0]);
        }
        return Ipv4.format(p[0] & Ipv4.mask((int) p[1])) + "/" + p[1];
    }

    static MenuSpec connections() {
        return MenuSpec.list("/ip/firewall/connection")
                .commands(MenuSpec.READ_REMOVE_COMMANDS)
                .volatileState()
                .fields(readOnly("protocol", null), readOnly("src-address", null), readOnly("dst-address", null),
                        readOnly("reply-src-address", null), readOnly("reply-dst-address", null),
                        readOnly("tcp-state", null), readOnly("timeout", "1d"), readOnly("connection-mark", null),
                        readOnly("orig-packets", "0"), readOnly("orig-bytes", "0"), readOnly("repl-packets", "0"),
                        readOnly("repl-bytes", "0"), readOnly("expected", "false"), readOnly("seen-reply", "true"),
                        readOnly("assured", "true"), readOnly("confirmed", "true"), readOnly("dying", "false"),
                        readOnly("fasttrack", "false"), readOnly("srcnat", "false"), readOnly("dstnat", "false"))
                .build();
    }

    static MenuSpec pppProfile() {
        ValueType triState = ValueTypes.oneOf("default", "no", "yes");
        return MenuSpec.list("/ppp/profile")
                .named("name")
                .fields(text("name"), rw("local-address", ValueTypes.IP_OR_POOL),
                        rw("remote-address", ValueTypes.IP_OR_POOL), text("rate-limit"),
                        rw("only-one", triState, "default"),
                        rw("use-encryption", ValueTypes.oneOf("default", "no", "yes", "required"), "default"),
                        rw("use-compression", triState, "default"), rw("use-mpls", triState, "default"),
                        rw("use-upnp", triState, "default"), rw("change-tcp-mss", triState, "default"),
                        rw("use-ipv6", ValueTypes.oneOf("default", "no", "yes", "required"), "yes"),
                        text("dns-server"), text("address-list", ""), text("idle-timeout"), text("session-timeout"),
                        text("incoming-filter"), text("outgoing-filter"), text("on-up", ""), text("on-down", ""),
                        text("bridge-learning", "default"), text("insert-queue-before", "first"),
                        text("parent-queue", "none"), text("queue-type"), readOnly("default", "false"),
                        text("comment"))
                .required("name")
                .unique("failure: profile with the same name already exists", "name")
                .removeGuard((item, s) -> {
                    if ("true".equals(item.get("default"))) {
                        throw ApiError.of("failure: cannot remove default profile");
                    }
                })
                .initially(profile("default", "no", "no", "no", "yes"))
                .initially(profile("default-encryption", "default", "yes", "default", "default"))
                .build();
    }

    private static Map<String, String> profile(String name, String onlyOne, String encryption, String compression,
                                               String tcpMss) {
        LinkedHashMap<String, String> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("only-one", onlyOne);
        row.put("use-encryption", encryption);
        row.put("use-compression", compression);
        row.put("change-tcp-mss", tcpMss);
        row.put("default", "true");
        return row;
    }

    static MenuSpec pppSecret() {
        return MenuSpec.list("/ppp/secret")
                .named("name")
                .fields(text("name"), text("password", ""),
                        rw("service", ValueTypes.oneOf("any", "async", "isdn", "l2tp", "pppoe", "pptp", "ovpn",
                                "sstp"), "any"),
                        rw("profile", ValueTypes.reference("/ppp/profile", false), "default"),
                        text("caller-id", ""), rw("local-address", ValueTypes.IPV4),
                        rw("remote-address", ValueTypes.IPV4), text("routes", ""), text("ipv6-routes", ""),
                        text("remote-ipv6-prefix"), rw("limit-bytes-in", ValueTypes.INTEGER, "0"),
                        rw("limit-bytes-out", ValueTypes.INTEGER, "0"), readOnly("last-logged-out", null),
                        readOnly("last-caller-id", null), readOnly("last-disconnect-reason", null),
                        bool("disabled", false), text("comment"))
                .required("name")
                .unique("failure: secret with the same name already exists", "name")
                .build();
    }

    static MenuSpec pppActive() {
        return MenuSpec.list("/ppp/active")
                .commands(MenuSpec.READ_REMOVE_COMMANDS)
                .volatileState()
                .named("name")
                .fields(readOnly("name", null), readOnly("service", null), readOnly("caller-id", ""),
                        readOnly("address", null), readOnly("uptime", null), readOnly("encoding", ""),
                        readOnly("session-id", null), readOnly("limit-bytes-in", "0"),
                        readOnly("limit-bytes-out", "0"), readOnly("radius", "false"))
                .view((row, item, s) -> row.put("uptime",
                        ValueTypes.formatDuration((System.currentTimeMillis() - item.createdAt()) / 1000 * 1000)))
                .build();
    }

    static MenuSpec simpleQueue() {
        return MenuSpec.list("/queue/simple")
                .named("name")
                .autoName("queue")
                .fields(text("name"), rw("target", ValueTypes.QUEUE_TARGET),
                        rw("parent", ValueTypes.reference("/queue/simple", false, "none"), "none"),
                        text("packet-marks", ""), rw("priority", ValueTypes.INTEGER_PAIR, "8/8"),
                        text("queue", "default-small/default-small"),
                        rw("limit-at", ValueTypes.RATE_PAIR, "0/0"), rw("max-limit", ValueTypes.RATE_PAIR, "0/0"),
                        rw("burst-limit", ValueTypes.RATE_PAIR, "0/0"),
                        rw("burst-threshold", ValueTypes.RATE_PAIR, "0/0"),
                        rw("burst-time", ValueTypes.DURATION_PAIR, "0s/0s"),
                        rw("bucket-size", ValueTypes.DECIMAL_PAIR, "0.1/0.1"), text("dst"), text("time"),
                        readOnly("invalid", "false"), readOnly("dynamic", "false"), readOnly("bytes", "0/0"),
                        readOnly("packets", "0/0"), readOnly("total-bytes", "0"), bool("disabled", false),
                        text("comment"), writeOnly("place-before"))
                .required("target")
                .unique("failure: already have queue with such name", "name")
                .build();
    }

    static MenuSpec identity() {
        return MenuSpec.singleton("/system/identity")
                .fields(text("name", "MikroTik"))
                .initially(Map.of())
                .build();
    }

    static MenuSpec resource(String rosVersion) {
        return MenuSpec.singleton("/system/resource")
                .commands(MenuSpec.READ_COMMANDS)
                .fields(readOnly("uptime", null), readOnly("version", rosVersion + " (stable)"),
                        readOnly("build-time", "2025-06-01 10:00:00"), readOnly("factory-software", "7.1"),
                        readOnly("free-memory", "905093120"), readOnly("total-memory", "1073741824"),
                        readOnly("cpu", "QEMU"), readOnly("cpu-count", "2"), readOnly("cpu-frequency", "2400"),
                        readOnly("cpu-load", "1"), readOnly("free-hdd-space", "94371840"),
                        readOnly("total-hdd-space", "134217728"), readOnly("write-sect-since-reboot", "120"),
                        readOnly("write-sect-total", "120"), readOnly("architecture-name", "x86_64"),
                        readOnly("board-name", "CHR"), readOnly("platform", "MikroTik"))
                .initially(Map.of())
                .view((row, item, s) -> row.put("uptime",
                        ValueTypes.formatDuration((System.currentTimeMillis() - s.bootedAt()) / 1000 * 1000)))
                .build();
    }
}
