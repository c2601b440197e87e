package io.routerbridge.emulator.tracer;

import io.routerbridge.emulator.ip.Ipv4;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a firewall or NAT rule's matchers hold for a packet. A rule carrying a matcher the
 * tracer does not model never matches, and the outcome says which matcher it was.
 */
final class RuleMatcher {

    enum Table { FILTER, NAT }

    /** Outcome of matching one rule: {@code reason} explains a failure and is null on a match. */
    record Outcome(boolean matched, boolean unsupported, String reason) {
        static final Outcome MATCH = new Outcome(true, false, null);

        static Outcome noMatch(String reason) {
            return new Outcome(false, false, reason);
        }

        static Outcome unsupported(String reason) {
            return new Outcome(false, true, reason);
        }
    }

    /** Fields of a rule row that describe the rule or its action rather than match packets. */
    private static final Set<String> NOT_MATCHERS = Set.of(
            "chain", "action", "comment", "disabled", "dynamic", "invalid", "log", "log-prefix", "bytes",
            "packets", "to-addresses", "to-ports", "jump-target", "reject-with", "address-list",
            "address-list-timeout", "place-before", "copy-from", "hw-offload", "randomise-ports");

    private static final Set<String> CONNECTION_STATES = Set.of("invalid", "established", "related", "new", "untracked");
    private static final Set<String> NAT_STATES = Set.of("srcnat", "dstnat", "ein-snat", "ein-dnat");

    private final RouterView router;

    RuleMatcher(RouterView router) {
        this.router = router;
    }

    Outcome evaluate(Map<String, String> rule, TracedPacket packet, Table table) {
        for (Map.Entry<String, String> field : rule.entrySet()) {
            String name = field.getKey();
            String value = field.getValue();
            if (name.startsWith(".") || NOT_MATCHERS.contains(name) || value == null || value.isEmpty()) {
                continue;
            }
            Outcome outcome;
            try {
                outcome = evaluateMatcher(name, value, packet, table);
            } catch (IllegalArgumentException unreadable) {
                outcome = Outcome.unsupported("cannot read " + name + "=" + value + " (" + unreadable.getMessage() + ")");
            }
            if (!outcome.matched()) {
                return outcome;
            }
        }
        return Outcome.MATCH;
    }

    private Outcome evaluateMatcher(String name, String rawValue, TracedPacket packet, Table table) {
        boolean negated = rawValue.startsWith("!");
        String value = negated ? rawValue.substring(1) : rawValue;
        String shown = name + "=" + rawValue;
        switch (name) {
            case "src-address":
                return judge(AddressRange.parse(value).contains(packet.srcAddress), negated, shown,
                        "source " + Ipv4.format(packet.srcAddress));
            case "dst-address":
                return judge(AddressRange.parse(value).contains(packet.dstAddress), negated, shown,
                        "destination " + Ipv4.format(packet.dstAddress));
            case "src-address-list":
                return judge(router.addressListContains(value, packet.srcAddress), negated, shown,
                        "source " + Ipv4.format(packet.srcAddress));
            case "dst-address-list":
                return judge(router.addressListContains(value, packet.dstAddress), negated, shown,
                        "destination " + Ipv4.format(packet.dstAddress));
            case "protocol": {
                int wanted = Protocols.number(value);
                if (wanted < 0) {
                    return Outcome.unsupported("unknown protocol in " + shown);
                }
                if (packet.protocol < 0) {
                    return Outcome.noMatch(shown + " cannot hold: the packet's protocol is unknown");
                }
                return judge(wanted == packet.protocol, negated, shown, "protocol " + packet.protocolName);
            }
            case "src-port":
                return portMatch(value, negated, shown, packet.srcPort, null, "source port");
            case "dst-port":
                return portMatch(value, negated, shown, packet.dstPort, null, "destination port");
            case "port":
                return portMatch(value, negated, shown, packet.srcPort, packet.dstPort, "ports");
            case "in-interface":
                if (packet.inInterface == null) {
                    return Outcome.noMatch(shown + " cannot hold: the router originated the packet");
                }
                return judge(value.equals(packet.inInterface), negated, shown, "in-interface " + packet.inInterface);
            case "out-interface":
                if (packet.outInterface == null) {
                    return Outcome.noMatch(shown + " cannot hold: no out-interface at this point");
                }
                return judge(value.equals(packet.outInterface), negated, shown, "out-interface " + packet.outInterface);
            case "in-interface-list":
                return interfaceListMatch(value, negated, shown, packet.inInterface, "in-interface");
            case "out-interface-list":
                return interfaceListMatch(value, negated, shown, packet.outInterface, "out-interface");
            case "connection-state":
                if (table == Table.NAT) {
                    return Outcome.unsupported(shown + " is not a NAT matcher");
                }
                return judge(knownSet(value, CONNECTION_STATES, shown).contains("new"), negated, shown,
                        "state new (traced packets open a new connection)");
            case "connection-nat-state": {
                if (table == Table.NAT) {
                    return Outcome.unsupported(shown + " is not a NAT matcher");
                }
                Set<String> states = knownSet(value, NAT_STATES, shown);
                // the first packet has passed dstnat already but not yet srcnat
                boolean holds = packet.dstNatted && states.contains("dstnat");
                return judge(holds, negated, shown, packet.dstNatted ? "nat state dstnat" : "no nat state");
            }
            case "src-address-type":
                return addressTypeMatch(value, negated, shown, packet.srcAddress, "source");
            case "dst-address-type":
                return addressTypeMatch(value, negated, shown, packet.dstAddress, "destination");
            default:
                return Outcome.unsupported("matcher " + shown + " is not modelled by the tracer");
        }
    }

    private static Outcome judge(boolean holds, boolean negated, String shown, String actual) {
        return holds != negated ? Outcome.MATCH : Outcome.noMatch(shown + " does not hold for " + actual);
    }

    private static Outcome portMatch(String value, boolean negated, String shown, Integer port, Integer otherPort,
                                     String what) {
        PortSet ports = PortSet.parse(value);
        if (port == null && otherPort == null) {
            return Outcome.noMatch(shown + " cannot hold: the packet has no " + what);
        }
        boolean holds = (port != null && ports.contains(port)) || (otherPort != null && ports.contains(otherPort));
        String actual = otherPort == null ? what + " " + port : what + " " + port + "/" + otherPort;
        return judge(holds, negated, shown, actual);
    }

    private Outcome interfaceListMatch(String list, boolean negated, String shown, String interfaceName, String what) {
        if (interfaceName == null) {
            return Outcome.noMatch(shown + " cannot hold: the packet has no " + what + " at this point");
        }
        return router.interfaceListContains(list, interfaceName)
                .map(member -> judge(member, negated, shown, what + " " + interfaceName))
                .orElseGet(() -> Outcome.unsupported("interface list " + list + " uses include/exclude, not modelled"));
    }

    private Outcome addressTypeMatch(String value, boolean negated, String shown, long address, String what) {
        Set<String> types = knownSet(value, Set.of("unicast", "local", "broadcast", "multicast", "blackhole"), shown);
        if (types.contains("blackhole")) {
            return Outcome.unsupported("address type blackhole in " + shown + " is not modelled");
        }
        boolean multicast = (address & 0xF0000000L) == 0xE0000000L;
        boolean broadcast = router.isBroadcast(address);
        boolean holds = (types.contains("local") && router.isLocal(address))
                || (types.contains("multicast") && multicast)
                || (types.contains("broadcast") && broadcast)
                || (types.contains("unicast") && !multicast && !broadcast);
        return judge(holds, negated, shown, what + " " + Ipv4.format(address));
    }

    private static Set<String> knownSet(String value, Set<String> allowed, String shown) {
        Set<String> items = Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toSet());
        for (String item : items) {
            if (!allowed.contains(item)) {
                throw new IllegalArgumentException("unknown value " + item + " in " + shown);
            }
        }
        return items;
    }
}
