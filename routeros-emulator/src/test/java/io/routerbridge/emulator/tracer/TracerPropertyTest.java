package io.routerbridge.emulator.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Laws of rule evaluation that hold for any ruleset and any packet. */
class TracerPropertyTest {
    private static final String FILTER = "/ip/firewall/filter";
    private static final String NAT = "/ip/firewall/nat";
    private static final Set<String> FILTER_CHAINS = Set.of("forward", "input");
    private static final Set<String> TERMINAL_FILTER_ACTIONS = Set.of("accept", "drop", "reject");

    @Property(tries = 300)
    void aRulesetWhoseRulesAreAllDisabledBehavesLikeAnEmptyOne(
            @ForAll("packets") Packet packet,
            @ForAll @Size(max = 8) List<@From("filterRules") Map<String, String>> filterRules,
            @ForAll @Size(max = 6) List<@From("natRules") Map<String, String>> natRules) {
        RouterTables disabled = baseRouter();
        filterRules.forEach(rule -> disabled.insert(FILTER, disabled.rows(FILTER).size(), disabledCopy(rule)));
        natRules.forEach(rule -> disabled.insert(NAT, disabled.rows(NAT).size(), disabledCopy(rule)));

        TraceResult withDisabledRules = PacketTracer.trace(packet, disabled);
        TraceResult empty = PacketTracer.trace(packet, baseRouter());

        assertThat(withoutSteps(withDisabledRules)).isEqualTo(withoutSteps(empty));
        assertThat(withDisabledRules.matchedRuleIds()).isEmpty();
    }

    @Property(tries = 300)
    void addingARuleAfterATerminalMatchNeverChangesTheOutcome(
            @ForAll("packets") Packet packet,
            @ForAll @Size(min = 1, max = 8) List<@From("filterRules") Map<String, String>> filterRules,
            @ForAll @Size(max = 6) List<@From("natRules") Map<String, String>> natRules,
            @ForAll("filterRules") Map<String, String> appended) {
        RouterTables router = routerWith(filterRules, natRules);
        TraceResult before = PacketTracer.trace(packet, router);
        Assume.that(before.matchedRuleIds().stream().map(router::byId)
                .anyMatch(rule -> rule.containsKey("chain") && FILTER_CHAINS.contains(rule.get("chain"))
                        && TERMINAL_FILTER_ACTIONS.contains(rule.get("action"))));

        router.insert(FILTER, router.rows(FILTER).size(), appended);
        TraceResult after = PacketTracer.trace(packet, router);

        assertThat(withoutSteps(after)).isEqualTo(withoutSteps(before));
    }

    @Property(tries = 300)
    void insertingADisabledRuleAnywhereChangesNothing(
            @ForAll("packets") Packet packet,
            @ForAll @Size(max = 8) List<@From("filterRules") Map<String, String>> filterRules,
            @ForAll @Size(max = 6) List<@From("natRules") Map<String, String>> natRules,
            @ForAll("filterRules") Map<String, String> inserted,
            @ForAll @IntRange(min = 0, max = 100) int position) {
        RouterTables router = routerWith(filterRules, natRules);
        TraceResult before = PacketTracer.trace(packet, router);

        router.insert(FILTER, position % (router.rows(FILTER).size() + 1), disabledCopy(inserted));
        TraceResult after = PacketTracer.trace(packet, router);

        assertThat(withoutSteps(after)).isEqualTo(withoutSteps(before));
    }

    @Property(tries = 200)
    void withoutNatRulesNoAddressOrPortChanges(
            @ForAll("packets") Packet packet,
            @ForAll @Size(max = 8) List<@From("filterRules") Map<String, String>> filterRules) {
        TraceResult result = PacketTracer.trace(packet, routerWith(filterRules, List.of()));

        assertThat(result.finalSrcAddress()).isEqualTo(packet.srcAddress());
        assertThat(result.finalDstAddress()).isEqualTo(packet.dstAddress());
        if (!"icmp".equals(packet.protocol())) {
            assertThat(result.finalSrcPort()).isEqualTo(packet.srcPort());
            assertThat(result.finalDstPort()).isEqualTo(packet.dstPort());
        }
        assertThat(result.verdict()).isIn("accept", "drop", "reject");
        assertThat(result.steps()).last().isEqualTo("verdict: " + result.verdict());
    }

    @Provide
    Arbitrary<Packet> packets() {
        Arbitrary<String> addresses = Arbitraries.of("10.10.1.2", "10.10.1.3", "10.10.2.2", "203.0.113.10",
                "203.0.113.11", "198.51.100.7", "192.0.2.1");
        Arbitrary<Integer> ports = Arbitraries.of(22, 53, 80, 443, 8080, 40000);
        return Combinators.combine(addresses, addresses, Arbitraries.of("tcp", "udp", "icmp"), ports, ports,
                        Arbitraries.of("ether1", "ether2", "ether3"))
                .as(Packet::new);
    }

    @Provide
    Arbitrary<Map<String, String>> filterRules() {
        return rules(Arbitraries.of("forward", "forward", "input"),
                Arbitraries.of("accept", "drop", "reject", "passthrough", "log"));
    }

    @Provide
    Arbitrary<Map<String, String>> natRules() {
        Arbitrary<Tuple2<String, String>> chainAndAction = Arbitraries.of(
                Tuple.of("srcnat", "src-nat"), Tuple.of("srcnat", "masquerade"), Tuple.of("srcnat", "accept"),
                Tuple.of("dstnat", "dst-nat"), Tuple.of("dstnat", "accept"), Tuple.of("dstnat", "passthrough"));
        return Combinators.combine(chainAndAction, matchers(),
                        Arbitraries.of("203.0.113.10", "10.10.1.2", "10.10.2.2-10.10.2.5"),
                        Arbitraries.of("", "80", "8000-8100"))
                .as((pair, matchers, toAddresses, toPorts) -> {
                    Map<String, String> rule = rule(pair.get1(), pair.get2(), matchers);
                    rule.put("to-addresses", toAddresses);
                    if (!toPorts.isEmpty()) {
                        rule.put("to-ports", toPorts);
                    }
                    return rule;
                });
    }

    private static Arbitrary<Map<String, String>> rules(Arbitrary<String> chains, Arbitrary<String> actions) {
        return Combinators.combine(chains, actions, matchers()).as(TracerPropertyTest::rule);
    }

    private static Arbitrary<List<Tuple2<String, String>>> matchers() {
        return Arbitraries.of(
                Tuple.of("src-address", "10.10.1.0/29"), Tuple.of("src-address", "!10.10.2.0/29"),
                Tuple.of("src-address", "10.10.1.1-10.10.1.4"), Tuple.of("dst-address", "10.10.2.0/29"),
                Tuple.of("dst-address", "203.0.113.0/24"), Tuple.of("dst-address", "!198.51.100.7"),
                Tuple.of("protocol", "tcp"), Tuple.of("protocol", "!tcp"), Tuple.of("protocol", "17"),
                Tuple.of("dst-port", "80,443"), Tuple.of("dst-port", "8000-8100"), Tuple.of("dst-port", "!22"),
                Tuple.of("in-interface", "ether1"), Tuple.of("in-interface", "!ether2"),
                Tuple.of("out-interface", "ether1"), Tuple.of("connection-state", "new"),
                Tuple.of("connection-state", "established,related"),
                Tuple.of("src-address-list", "blocked"), Tuple.of("dst-address-list", "!blocked"),
                Tuple.of("tcp-flags", "syn")).list().ofMaxSize(3);
    }

    private static Map<String, String> rule(String chain, String action, List<Tuple2<String, String>> matchers) {
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("chain", chain);
        rule.put("action", action);
        for (Tuple2<String, String> matcher : matchers) {
            if (!(matcher.get1().equals("connection-state") && chain.endsWith("nat"))) {
                rule.put(matcher.get1(), matcher.get2());
            }
        }
        rule.put("disabled", "false");
        rule.put("invalid", "false");
        rule.put("dynamic", "false");
        return rule;
    }

    private static RouterTables routerWith(List<Map<String, String>> filterRules, List<Map<String, String>> natRules) {
        RouterTables router = baseRouter();
        filterRules.forEach(rule -> router.insert(FILTER, router.rows(FILTER).size(), rule));
        natRules.forEach(rule -> router.insert(NAT, router.rows(NAT).size(), rule));
        return router;
    }

    private static RouterTables baseRouter() {
        return new RouterTables()
                .iface("ether1").iface("ether2").iface("ether3")
                .address("203.0.113.10/24", "ether1")
                .address("203.0.113.11/24", "ether1")
                .address("10.10.1.1/29", "ether2")
                .address("10.10.2.1/29", "ether3")
                .route("0.0.0.0/0", "203.0.113.1")
                .listEntry("blocked", "10.10.1.3")
                .listEntry("blocked", "198.51.100.0/24");
    }

    private static Map<String, String> disabledCopy(Map<String, String> rule) {
        Map<String, String> copy = new LinkedHashMap<>(rule);
        copy.put("disabled", "true");
        return copy;
    }

    private static List<Object> withoutSteps(TraceResult result) {
        return List.of(result.verdict(), result.finalSrcAddress(), String.valueOf(result.finalSrcPort()),
                result.finalDstAddress(), String.valueOf(result.finalDstPort()),
                String.valueOf(result.outInterface()), result.chain(), result.matchedRuleIds());
    }
}
