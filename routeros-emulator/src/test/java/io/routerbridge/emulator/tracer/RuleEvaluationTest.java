package io.routerbridge.emulator.tracer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matchers, actions and chain control on a plain two-port router (ether1 WAN, ether2 LAN). */
class RuleEvaluationTest {
    private static final Packet LAN_TO_WEB = new Packet("192.168.88.10", "198.51.100.7", "tcp", 40000, 443, "ether2");

    private RouterTables router;

    @BeforeEach
    void twoPortRouter() {
        router = new RouterTables()
                .iface("ether1").iface("ether2")
                .address("203.0.113.2/24", "ether1")
                .address("192.168.88.1/24", "ether2")
                .route("0.0.0.0/0", "203.0.113.1");
    }

    private TraceResult trace(Packet packet) {
        return PacketTracer.trace(packet, router);
    }

    @Test
    void anEmptyRulesetAcceptsAndRoutesByDefault() {
        TraceResult result = trace(LAN_TO_WEB);

        assertThat(result.verdict()).isEqualTo("accept");
        assertThat(result.chain()).isEqualTo("forward");
        assertThat(result.outInterface()).isEqualTo("ether1");
        assertThat(result.finalSrcAddress()).isEqualTo("192.168.88.10");
        assertThat(result.steps()).first().asString().contains("192.168.88.10:40000 -> 198.51.100.7:443");
        assertThat(result.steps()).last().isEqualTo("verdict: accept");
    }

    @Test
    void theFirstTerminalRuleDecides() {
        String accept = router.filter("chain", "forward", "action", "accept", "src-address", "192.168.88.0/24");
        String drop = router.filter("chain", "forward", "action", "drop", "src-address", "192.168.88.10");
        RouterTables dropFirst = new RouterTables()
                .iface("ether1").iface("ether2")
                .address("203.0.113.2/24", "ether1")
                .address("192.168.88.1/24", "ether2")
                .route("0.0.0.0/0", "203.0.113.1");
        String dropAgain = dropFirst.filter("chain", "forward", "action", "drop", "src-address", "192.168.88.10");
        dropFirst.filter("chain", "forward", "action", "accept", "src-address", "192.168.88.0/24");

        TraceResult acceptBeforeDrop = trace(LAN_TO_WEB);
        TraceResult dropBeforeAccept = PacketTracer.trace(LAN_TO_WEB, dropFirst);

        assertThat(acceptBeforeDrop.verdict()).isEqualTo("accept");
        assertThat(acceptBeforeDrop.matchedRuleIds()).containsExactly(accept).doesNotContain(drop);
        assertThat(dropBeforeAccept.verdict()).isEqualTo("drop");
        assertThat(dropBeforeAccept.matchedRuleIds()).containsExactly(dropAgain);
    }

    @Test
    void rejectIsReportedAsReject() {
        router.filter("chain", "forward", "action", "reject", "reject-with", "icmp-admin-prohibited");

        assertThat(trace(LAN_TO_WEB).verdict()).isEqualTo("reject");
    }

    @Test
    void passthroughAndLogContinueWithTheNextRule() {
        String log = router.filter("chain", "forward", "action", "log", "log-prefix", "seen");
        String passthrough = router.filter("chain", "forward", "action", "passthrough");
        String drop = router.filter("chain", "forward", "action", "drop");

        TraceResult result = trace(LAN_TO_WEB);

        assertThat(result.verdict()).isEqualTo("drop");
        assertThat(result.matchedRuleIds()).containsExactly(log, passthrough, drop);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource({
            "src-address, 192.168.88.10, true",
            "src-address, 192.168.88.11, false",
            "src-address, 192.168.88.0/24, true",
            "src-address, 192.168.88.77/24, true",
            "src-address, 192.168.89.0/24, false",
            "src-address, 192.168.88.5-192.168.88.10, true",
            "src-address, 192.168.88.11-192.168.88.20, false",
            "src-address, !192.168.88.10, false",
            "src-address, !10.0.0.0/8, true",
            "dst-address, 198.51.100.0/25, true",
            "dst-address, !198.51.100.0/25, false",
            "protocol, tcp, true",
            "protocol, 6, true",
            "protocol, udp, false",
            "protocol, !udp, true",
            "protocol, !tcp, false",
            "dst-port, 443, true",
            "dst-port, '80,443', true",
            "dst-port, '80,8080', false",
            "dst-port, 400-500, true",
            "dst-port, '22,8000-8100', false",
            "dst-port, !443, false",
            "dst-port, '!80,8080', true",
            "src-port, 40000, true",
            "src-port, 1-1023, false",
            "port, 443, true",
            "port, 40000, true",
            "port, 53, false",
            "in-interface, ether2, true",
            "in-interface, ether1, false",
            "in-interface, !ether1, true",
            "out-interface, ether1, true",
            "out-interface, !ether1, false",
            "connection-state, new, true",
            "connection-state, 'established,related', false",
            "connection-state, '!established,related', true",
            "connection-state, 'new,established', true",
            "dst-address-type, local, false",
            "dst-address-type, unicast, true",
            "src-address-type, !local, true",
    })
    void aSingleMatcherDecidesWhetherTheDropRuleApplies(String matcher, String value, boolean matches) {
        String drop = router.filter("chain", "forward", "action", "drop", matcher, value);

        TraceResult result = trace(LAN_TO_WEB);

        assertThat(result.verdict()).isEqualTo(matches ? "drop" : "accept");
        if (matches) {
            assertThat(result.matchedRuleIds()).containsExactly(drop);
        } else {
            assertThat(result.steps()).anyMatch(step -> step.contains(drop) && step.contains("no match")
                    && step.contains(matcher + "=" + value));
        }
    }

    @Test
    void allMatchersOfARuleMustHold() {
        router.filter("chain", "forward", "action", "drop", "protocol", "tcp", "dst-port", "443",
                "src-address", "192.168.88.20");

        assertThat(trace(LAN_TO_WEB).verdict()).isEqualTo("accept");
    }

    @Test
    void portMatchersNeverHoldForPortlessProtocols() {
        router.filter("chain", "forward", "action", "drop", "dst-port", "!443");

        TraceResult icmp = trace(new Packet("192.168.88.10", "198.51.100.7", "icmp", 8, 0, "ether2"));

        assertThat(icmp.verdict()).isEqualTo("accept");
        assertThat(icmp.finalDstPort()).isNull();
        assertThat(icmp.finalSrcPort()).isNull();
    }

    @Test
    void addressListsResolveSingleAddressesPrefixesAndRanges() {
        router.listEntry("blocked", "198.51.100.0/28")
                .listEntry("blocked", "203.0.113.50-203.0.113.60")
                .listEntry("blocked", "192.0.2.9")
                .listEntry("blocked", "example.com");
        router.filter("chain", "forward", "action", "drop", "dst-address-list", "blocked");

        assertThat(trace(to("198.51.100.7")).verdict()).isEqualTo("drop");
        assertThat(trace(to("198.51.100.16")).verdict()).isEqualTo("accept");
        assertThat(trace(to("203.0.113.55")).verdict()).isEqualTo("drop");
        assertThat(trace(to("203.0.113.61")).verdict()).isEqualTo("accept");
        assertThat(trace(to("192.0.2.9")).verdict()).isEqualTo("drop");
        assertThat(trace(to("192.0.2.10")).verdict()).isEqualTo("accept");
    }

    @Test
    void disabledListEntriesDoNotCountAndDynamicOnesDo() {
        router.listEntry("blocked", "198.51.100.7");
        router.byId(lastListEntryId()).put("disabled", "true");
        router.row("/ip/firewall/address-list", "list", "blocked", "address", "198.51.100.8", "disabled", "false",
                "dynamic", "true", "timeout", "59m58s");
        router.filter("chain", "forward", "action", "drop", "dst-address-list", "blocked");

        assertThat(trace(to("198.51.100.7")).verdict()).isEqualTo("accept");
        assertThat(trace(to("198.51.100.8")).verdict()).isEqualTo("drop");
    }

    @Test
    void aNegatedListMatchesAddressesOutsideIt() {
        router.listEntry("allowed", "198.51.100.0/24");
        router.filter("chain", "forward", "action", "drop", "dst-address-list", "!allowed");
        router.filter("chain", "forward", "action", "drop", "src-address-list", "!no-such-list",
                "dst-address", "192.0.2.0/24");

        assertThat(trace(to("198.51.100.7")).verdict()).isEqualTo("accept");
        assertThat(trace(to("203.0.113.99")).verdict()).isEqualTo("drop");
    }

    @Test
    void anUnknownMatcherMakesTheRuleNotMatchAndSaysWhy() {
        String drop = router.filter("chain", "forward", "action", "drop", "tcp-flags", "syn");

        TraceResult result = trace(LAN_TO_WEB);

        assertThat(result.verdict()).isEqualTo("accept");
        assertThat(result.matchedRuleIds()).isEmpty();
        assertThat(result.steps()).anyMatch(step -> step.contains(drop) && step.contains("tcp-flags=syn")
                && step.contains("not modelled"));
    }

    @Test
    void invalidRulesAreSkipped() {
        String drop = router.filter("chain", "forward", "action", "drop", "invalid", "true");

        TraceResult result = trace(LAN_TO_WEB);

        assertThat(result.verdict()).isEqualTo("accept");
        assertThat(result.steps()).anyMatch(step -> step.contains(drop) && step.contains("invalid"));
    }

    @Test
    void jumpEntersAUserChainAndReturnComesBack() {
        String jump = router.filter("chain", "forward", "action", "jump", "jump-target", "lan-out",
                "in-interface", "ether2");
        String ret = router.filter("chain", "lan-out", "action", "return", "dst-port", "443");
        router.filter("chain", "lan-out", "action", "drop");
        String drop = router.filter("chain", "forward", "action", "drop", "dst-port", "443");

        TraceResult https = trace(LAN_TO_WEB);
        TraceResult ssh = trace(new Packet("192.168.88.10", "198.51.100.7", "tcp", 40000, 22, "ether2"));

        assertThat(https.verdict()).isEqualTo("drop");
        assertThat(https.matchedRuleIds()).containsExactly(jump, ret, drop);
        assertThat(ssh.verdict()).isEqualTo("drop");
        assertThat(ssh.matchedRuleIds()).hasSize(2).startsWith(jump);
    }

    @Test
    void aUserChainThatEndsWithoutDecisionFallsBackToTheCallingChain() {
        router.filter("chain", "forward", "action", "jump", "jump-target", "empty");
        router.filter("chain", "empty", "action", "drop", "disabled", "true");
        String accept = router.filter("chain", "forward", "action", "accept");

        assertThat(trace(LAN_TO_WEB).matchedRuleIds()).endsWith(accept);
    }

    @Test
    void aJumpLoopEndsAndIsReported() {
        router.filter("chain", "forward", "action", "jump", "jump-target", "ping");
        router.filter("chain", "ping", "action", "jump", "jump-target", "pong");
        router.filter("chain", "pong", "action", "jump", "jump-target", "ping");

        TraceResult result = trace(LAN_TO_WEB);

        assertThat(result.verdict()).isEqualTo("accept");
        assertThat(result.steps()).anyMatch(step -> step.contains("loop"));
    }

    @Test
    void returnInABuiltInChainMeansTheDefaultAccept() {
        router.filter("chain", "forward", "action", "return");
        router.filter("chain", "forward", "action", "drop");

        assertThat(trace(LAN_TO_WEB).verdict()).isEqualTo("accept");
    }

    @Test
    void masqueradeUsesTheOutInterfacesAddress() {
        String masquerade = router.nat("chain", "srcnat", "action", "masquerade", "out-interface", "ether1");

        TraceResult result = trace(LAN_TO_WEB);

        assertThat(result.finalSrcAddress()).isEqualTo("203.0.113.2");
        assertThat(result.finalSrcPort()).isEqualTo(40000);
        assertThat(result.matchedRuleIds()).containsExactly(masquerade);
    }

    @Test
    void translationRangesUseTheirFirstAddressAndPort() {
        router.nat("chain", "srcnat", "action", "src-nat", "to-addresses", "203.0.113.20-203.0.113.29",
                "to-ports", "10000-10100");
        router.nat("chain", "dstnat", "action", "dst-nat", "in-interface", "ether1", "protocol", "udp",
                "to-addresses", "192.168.88.40-192.168.88.49", "to-ports", "5000-5010");

        TraceResult out = trace(LAN_TO_WEB);
        TraceResult in = trace(new Packet("198.51.100.7", "203.0.113.2", "udp", 1234, 9999, "ether1"));

        assertThat(out.finalSrcAddress()).isEqualTo("203.0.113.20");
        assertThat(out.finalSrcPort()).isEqualTo(10000);
        assertThat(in.finalDstAddress()).isEqualTo("192.168.88.40");
        assertThat(in.finalDstPort()).isEqualTo(5000);
        assertThat(in.outInterface()).isEqualTo("ether2");
        // the src-nat rule has no matchers, so the forwarded inbound packet is translated as well
        assertThat(in.finalSrcAddress()).isEqualTo("203.0.113.20");
    }

    @Test
    void forwardRulesSeeTheTranslatedDestinationAndTheOriginalSource() {
        router.nat("chain", "dstnat", "action", "dst-nat", "dst-address", "203.0.113.2", "protocol", "tcp",
                "dst-port", "2222", "to-addresses", "192.168.88.30", "to-ports", "22");
        router.nat("chain", "srcnat", "action", "masquerade", "out-interface", "ether1");
        String allow = router.filter("chain", "forward", "action", "accept", "src-address", "198.51.100.7",
                "dst-address", "192.168.88.30", "dst-port", "22");
        router.filter("chain", "forward", "action", "drop", "in-interface", "ether1");

        TraceResult allowed = trace(new Packet("198.51.100.7", "203.0.113.2", "tcp", 5555, 2222, "ether1"));
        TraceResult other = trace(new Packet("198.51.100.8", "203.0.113.2", "tcp", 5555, 2222, "ether1"));

        assertThat(allowed.verdict()).isEqualTo("accept");
        assertThat(allowed.matchedRuleIds()).contains(allow);
        assertThat(allowed.finalSrcAddress()).isEqualTo("198.51.100.7");
        assertThat(other.verdict()).isEqualTo("drop");
        assertThat(other.finalDstAddress()).isEqualTo("192.168.88.30");
    }

    @Test
    void natAcceptStopsTheChainWithoutTranslation() {
        String exempt = router.nat("chain", "srcnat", "action", "accept", "dst-address", "198.51.100.0/24");
        router.nat("chain", "srcnat", "action", "masquerade", "out-interface", "ether1");

        TraceResult exempted = trace(LAN_TO_WEB);
        TraceResult masqueraded = trace(to("192.0.2.1"));

        assertThat(exempted.finalSrcAddress()).isEqualTo("192.168.88.10");
        assertThat(exempted.matchedRuleIds()).containsExactly(exempt);
        assertThat(masqueraded.finalSrcAddress()).isEqualTo("203.0.113.2");
    }

    @Test
    void netmapKeepsTheHostPart() {
        router.nat("chain", "dstnat", "action", "netmap", "dst-address", "203.0.113.0/24", "in-interface", "ether1",
                "to-addresses", "192.168.88.0/24");

        TraceResult result = trace(new Packet("198.51.100.7", "203.0.113.77", "tcp", 1, 80, "ether1"));

        assertThat(result.finalDstAddress()).isEqualTo("192.168.88.77");
        assertThat(result.outInterface()).isEqualTo("ether2");
    }

    @Test
    void redirectSendsThePacketToTheRouter() {
        router.nat("chain", "dstnat", "action", "redirect", "protocol", "udp", "dst-port", "53",
                "in-interface", "ether2", "to-ports", "5353");

        TraceResult result = trace(new Packet("192.168.88.10", "8.8.8.8", "udp", 3000, 53, "ether2"));

        assertThat(result.chain()).isEqualTo("input");
        assertThat(result.finalDstAddress()).isEqualTo("192.168.88.1");
        assertThat(result.finalDstPort()).isEqualTo(5353);
    }

    @Test
    void connectionStateIsNotANatMatcher() {
        router.nat("chain", "srcnat", "action", "masquerade", "connection-state", "new");

        TraceResult result = trace(LAN_TO_WEB);

        assertThat(result.finalSrcAddress()).isEqualTo("192.168.88.10");
        assertThat(result.steps()).anyMatch(step -> step.contains("is not a NAT matcher"));
    }

    @Test
    void inputChainJudgesPacketsToTheRouterAndSrcnatDoesNotApply() {
        String dropSsh = router.filter("chain", "input", "action", "drop", "protocol", "tcp", "dst-port", "22",
                "in-interface", "ether1");
        router.filter("chain", "forward", "action", "drop");
        router.nat("chain", "srcnat", "action", "masquerade");

        TraceResult ssh = trace(new Packet("198.51.100.7", "203.0.113.2", "tcp", 5555, 22, "ether1"));
        TraceResult api = trace(new Packet("198.51.100.7", "203.0.113.2", "tcp", 5555, 8728, "ether1"));

        assertThat(ssh.chain()).isEqualTo("input");
        assertThat(ssh.verdict()).isEqualTo("drop");
        assertThat(ssh.matchedRuleIds()).containsExactly(dropSsh);
        assertThat(api.verdict()).isEqualTo("accept");
        assertThat(api.finalSrcAddress()).isEqualTo("198.51.100.7");
        assertThat(api.outInterface()).isNull();
    }

    @Test
    void routerOriginatedPacketsUseTheOutputChain() {
        String drop = router.filter("chain", "output", "action", "drop", "dst-address", "198.51.100.0/24");

        TraceResult result = trace(new Packet("203.0.113.2", "198.51.100.7", "udp", 123, 123, null));

        assertThat(result.chain()).isEqualTo("output");
        assertThat(result.verdict()).isEqualTo("drop");
        assertThat(result.matchedRuleIds()).containsExactly(drop);
        assertThat(result.outInterface()).isEqualTo("ether1");
    }

    @Test
    void theLongestPrefixWinsAndGatewaysResolveThroughConnectedNetworks() {
        router.iface("ether3").address("10.99.0.1/30", "ether3")
                .route("198.51.100.0/24", "10.99.0.2")
                .route("198.51.100.128/25", "ether2");

        assertThat(trace(to("198.51.100.7")).outInterface()).isEqualTo("ether3");
        assertThat(trace(to("198.51.100.200")).outInterface()).isEqualTo("ether2");
        assertThat(trace(to("192.0.2.1")).outInterface()).isEqualTo("ether1");
    }

    @Test
    void withoutARouteThePacketIsDiscarded() {
        RouterTables noDefault = new RouterTables().iface("ether1").iface("ether2")
                .address("203.0.113.2/24", "ether1").address("192.168.88.1/24", "ether2");

        TraceResult result = PacketTracer.trace(LAN_TO_WEB, noDefault);

        assertThat(result.verdict()).isEqualTo("drop");
        assertThat(result.outInterface()).isNull();
        assertThat(result.steps()).anyMatch(step -> step.contains("no route"));
    }

    @Test
    void disabledAddressesAndDisabledRoutesAreNotUsed() {
        router.route("198.51.100.0/24", "192.168.88.254");
        router.byId(lastRouteId()).put("disabled", "true");
        router.address("192.0.2.1/24", "ether2");
        router.byId(lastAddressId()).put("disabled", "true");

        assertThat(trace(to("198.51.100.7")).outInterface()).isEqualTo("ether1");
        assertThat(trace(to("192.0.2.1")).chain()).isEqualTo("forward");
    }

    @Test
    void aPacketThatIsNotIpv4IsRefused() {
        assertThatThrownBy(() -> trace(new Packet("2001:db8::1", "198.51.100.7", "tcp", 1, 2, "ether2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trace(new Packet("192.168.88.10", "198.51.100.7", "bogus", 1, 2, "ether2")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Packet to(String destination) {
        return new Packet("192.168.88.10", destination, "tcp", 40000, 443, "ether2");
    }

    private String lastListEntryId() {
        return lastId("/ip/firewall/address-list");
    }

    private String lastRouteId() {
        return lastId("/ip/route");
    }

    private String lastAddressId() {
        return lastId("/ip/address");
    }

    private String lastId(String menu) {
        var rows = router.rows(menu);
        return rows.get(rows.size() - 1).get(".id");
    }
}
