package io.routerbridge.emulator.tracer;

import io.routerbridge.emulator.ip.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the first packet of a new IPv4 connection through RouterOS's packet flow: NAT dstnat,
 * routing decision, filter forward/input (output for router-originated packets), NAT srcnat. Pure:
 * it reads the tables through {@link RuleSource} and changes nothing.
 */
public final class PacketTracer {
    private static final Set<String> DSTNAT_TERMINAL = Set.of("accept", "dst-nat", "redirect", "netmap");
    private static final Set<String> SRCNAT_TERMINAL = Set.of("accept", "src-nat", "masquerade", "netmap", "same");
    private static final Set<String> FILTER_TERMINAL = Set.of("accept", "drop", "reject", "tarpit");

    private final TracedPacket packet;
    private final RouterView router;
    private final RuleMatcher matcher;
    private final List<String> steps = new ArrayList<>();
    private final List<String> matchedRuleIds = new ArrayList<>();

    private PacketTracer(Packet packet, RouterView router) {
        this.packet = new TracedPacket(packet);
        this.router = router;
        this.matcher = new RuleMatcher(router);
    }

    /**
     * @throws IllegalArgumentException when an address of the packet is not IPv4 or its protocol is unknown
     */
    public static TraceResult trace(Packet packet, RuleSource tables) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(tables, "tables");
        return new PacketTracer(packet, new RouterView(tables)).run();
    }

    private TraceResult run() {
        steps.add("packet: " + packet.describe() + ", connection-state new");
        boolean routerOriginated = packet.inInterface == null;
        if (routerOriginated) {
            steps.add("dstnat: skipped, prerouting does not see packets the router originates");
        } else if (!dstnat()) {
            return result("drop", "forward");
        }

        String chain;
        if (router.isLocal(packet.dstAddress)) {
            chain = routerOriginated ? "output" : "input";
            steps.add("routing: " + Ipv4.format(packet.dstAddress) + " is an address of the router -> chain " + chain);
        } else {
            chain = routerOriginated ? "output" : "forward";
            Optional<Routing.Decision> decision = new Routing(router).decide(packet.dstAddress, steps);
            if (decision.isEmpty()) {
                steps.add("routing: no route to " + Ipv4.format(packet.dstAddress) + "; packet discarded");
                return result("drop", chain);
            }
            if (decision.get().blackhole()) {
                steps.add("routing: " + decision.get().description() + "; packet discarded");
                return result("drop", chain);
            }
            packet.outInterface = decision.get().outInterface();
            steps.add("routing: " + Ipv4.format(packet.dstAddress) + " via " + decision.get().description());
        }

        String verdict = filter(chain);
        if (!verdict.equals("accept")) {
            return result(verdict, chain);
        }
        if (chain.equals("input")) {
            steps.add("srcnat: not applied, the packet is delivered to the router");
        } else if (!srcnat()) {
            return result("drop", chain);
        }
        return result("accept", chain);
    }

    /** @return false when the packet is lost in dstnat */
    private boolean dstnat() {
        Map<String, String> rule = walk(RuleMatcher.Table.NAT, "dstnat", DSTNAT_TERMINAL, RouterView.NAT, "dstnat");
        if (rule == null) {
            steps.add("dstnat: no translation");
            return true;
        }
        String before = packet.destination();
        if (!translationReadable(rule, "dstnat")) {
            return true;
        }
        switch (rule.getOrDefault("action", "accept")) {
            case "dst-nat" -> {
                packet.dstAddress = firstAddress(rule.get("to-addresses"), packet.dstAddress);
                packet.dstPort = translatedPort(rule.get("to-ports"), packet.dstPort);
            }
            case "netmap" -> packet.dstAddress = mapped(rule.get("to-addresses"), packet.dstAddress);
            case "redirect" -> {
                Optional<Long> own = router.firstAddressOn(packet.inInterface);
                if (own.isEmpty()) {
                    steps.add("dstnat: redirect impossible, " + packet.inInterface + " has no address; packet discarded");
                    return false;
                }
                packet.dstAddress = own.get();
                packet.dstPort = translatedPort(rule.get("to-ports"), packet.dstPort);
            }
            default -> {
                steps.add("dstnat: accepted without translation");
                return true;
            }
        }
        packet.dstNatted = true;
        steps.add("dstnat: destination " + before + " -> " + packet.destination());
        return true;
    }

    private String filter(String chain) {
        Map<String, String> rule = walk(RuleMatcher.Table.FILTER, chain, FILTER_TERMINAL, RouterView.FILTER,
                "filter " + chain);
        if (rule == null) {
            steps.add("filter " + chain + ": no terminal rule matched; built-in chains accept by default");
            return "accept";
        }
        String action = rule.getOrDefault("action", "accept");
        if (action.equals("tarpit")) {
            steps.add("filter " + chain + ": tarpit holds the connection; the client sees it as dropped");
            return "drop";
        }
        steps.add("filter " + chain + ": " + action);
        return action;
    }

    /** @return false when the packet is lost in srcnat */
    private boolean srcnat() {
        Map<String, String> rule = walk(RuleMatcher.Table.NAT, "srcnat", SRCNAT_TERMINAL, RouterView.NAT, "srcnat");
        if (rule == null) {
            steps.add("srcnat: no translation");
            return true;
        }
        String before = packet.source();
        if (!translationReadable(rule, "srcnat")) {
            return true;
        }
        switch (rule.getOrDefault("action", "accept")) {
            case "src-nat" -> {
                packet.srcAddress = firstAddress(rule.get("to-addresses"), packet.srcAddress);
                packet.srcPort = translatedPort(rule.get("to-ports"), packet.srcPort);
            }
            case "same" -> packet.srcAddress = firstAddress(rule.get("to-addresses"), packet.srcAddress);
            case "netmap" -> packet.srcAddress = mapped(rule.get("to-addresses"), packet.srcAddress);
            case "masquerade" -> {
                Optional<Long> own = router.firstAddressOn(packet.outInterface);
                if (own.isEmpty()) {
                    steps.add("srcnat: masquerade impossible, " + packet.outInterface
                            + " has no address; packet discarded");
                    return false;
                }
                packet.srcAddress = own.get();
                packet.srcPort = translatedPort(rule.get("to-ports"), packet.srcPort);
            }
            default -> {
                steps.add("srcnat: accepted without translation");
                return true;
            }
        }
        steps.add("srcnat: source " + before + " -> " + packet.source());
        return true;
    }

    private Map<String, String> walk(RuleMatcher.Table kind, String chain, Set<String> terminal, String menu,
                                     String stage) {
        return new ChainWalker(router.rows(menu), kind, stage, terminal, matcher, packet, steps, matchedRuleIds)
                .walk(chain);
    }

    private boolean translationReadable(Map<String, String> rule, String stage) {
        try {
            firstAddress(rule.get("to-addresses"), 0);
            translatedPort(rule.get("to-ports"), null);
            return true;
        } catch (IllegalArgumentException unreadable) {
            steps.add(stage + ": cannot read the translation of rule " + rule.get(".id") + " ("
                    + unreadable.getMessage() + "); packet left untranslated");
            return false;
        }
    }

    /** RouterOS does not document which address of a range it picks; the first one keeps traces reproducible. */
    private static long firstAddress(String toAddresses, long unchanged) {
        if (toAddresses == null || toAddresses.isEmpty()) {
            return unchanged;
        }
        return AddressRange.parse(toAddresses).first();
    }

    /** netmap keeps the host part when the target is a prefix; other targets map to their first address. */
    private static long mapped(String toAddresses, long address) {
        if (toAddresses == null || toAddresses.isEmpty()) {
            return address;
        }
        AddressRange target = AddressRange.parse(toAddresses);
        if (!target.isPrefix()) {
            return target.first();
        }
        long hostBits = ~Ipv4.mask(target.prefixLength()) & 0xFFFFFFFFL;
        return target.first() | (address & hostBits);
    }

    private Integer translatedPort(String toPorts, Integer unchanged) {
        if (toPorts == null || toPorts.isEmpty() || !packet.hasPorts()) {
            return unchanged;
        }
        return PortSet.firstPort(toPorts);
    }

    private TraceResult result(String verdict, String chain) {
        steps.add("verdict: " + verdict);
        return new TraceResult(verdict, Ipv4.format(packet.srcAddress), packet.srcPort,
                Ipv4.format(packet.dstAddress), packet.dstPort, packet.outInterface, chain,
                List.copyOf(steps), List.copyOf(matchedRuleIds));
    }
}
