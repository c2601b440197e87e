package io.routerbridge.emulator.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vpn-nat layout: tenant A on 10.10.1.0/29 behind 203.0.113.10, tenant B on 10.10.2.0/29 behind
 * 203.0.113.11, both public IPs on ether1, isolation in filter forward and a port forward
 * 203.0.113.10:8080 -> 10.10.1.2:80.
 */
class VpnNatTraceTest {
    private RouterTables router;
    private String acceptInsideA;
    private String acceptInsideB;
    private String dropAToB;
    private String dropBToA;
    private String srcNatA;
    private String srcNatB;
    private String portForward;

    @BeforeEach
    void vpnNatRouter() {
        router = new RouterTables()
                .iface("ether1").iface("ether2").iface("ether3")
                .address("203.0.113.2/24", "ether1")
                .address("203.0.113.10/24", "ether1")
                .address("203.0.113.11/24", "ether1")
                .address("10.10.1.1/29", "ether2")
                .address("10.10.2.1/29", "ether3")
                .route("0.0.0.0/0", "203.0.113.1");
        acceptInsideA = router.filter("chain", "forward", "action", "accept",
                "src-address", "10.10.1.0/29", "dst-address", "10.10.1.0/29", "comment", "rb:svc1 inside");
        acceptInsideB = router.filter("chain", "forward", "action", "accept",
                "src-address", "10.10.2.0/29", "dst-address", "10.10.2.0/29", "comment", "rb:svc2 inside");
        dropAToB = router.filter("chain", "forward", "action", "drop",
                "src-address", "10.10.1.0/29", "dst-address", "10.10.2.0/29", "comment", "rb:svc1 block");
        dropBToA = router.filter("chain", "forward", "action", "drop",
                "src-address", "10.10.2.0/29", "dst-address", "10.10.1.0/29", "comment", "rb:svc2 block");
        srcNatA = router.nat("chain", "srcnat", "action", "src-nat", "src-address", "10.10.1.0/29",
                "out-interface", "ether1", "to-addresses", "203.0.113.10");
        srcNatB = router.nat("chain", "srcnat", "action", "src-nat", "src-address", "10.10.2.0/29",
                "out-interface", "ether1", "to-addresses", "203.0.113.11");
        portForward = router.nat("chain", "dstnat", "action", "dst-nat", "protocol", "tcp",
                "dst-address", "203.0.113.10", "dst-port", "8080", "in-interface", "ether1",
                "to-addresses", "10.10.1.2", "to-ports", "80");
    }

    private TraceResult trace(String src, String dst, String protocol, Integer srcPort, Integer dstPort, String in) {
        return PacketTracer.trace(new Packet(src, dst, protocol, srcPort, dstPort, in), router);
    }

    @Test
    void tenantTrafficToTheInternetLeavesWithTheTenantsPublicAddress() {
        TraceResult a = trace("10.10.1.2", "198.51.100.7", "tcp", 40000, 443, "ether2");
        TraceResult b = trace("10.10.2.3", "198.51.100.7", "udp", 5353, 53, "ether3");

        assertThat(a.verdict()).isEqualTo("accept");
        assertThat(a.chain()).isEqualTo("forward");
        assertThat(a.outInterface()).isEqualTo("ether1");
        assertThat(a.finalSrcAddress()).isEqualTo("203.0.113.10");
        assertThat(a.finalSrcPort()).isEqualTo(40000);
        assertThat(a.finalDstAddress()).isEqualTo("198.51.100.7");
        assertThat(a.finalDstPort()).isEqualTo(443);
        assertThat(a.matchedRuleIds()).containsExactly(srcNatA);

        assertThat(b.verdict()).isEqualTo("accept");
        assertThat(b.finalSrcAddress()).isEqualTo("203.0.113.11");
        assertThat(b.matchedRuleIds()).containsExactly(srcNatB);
    }

    @Test
    void trafficBetweenTenantsIsDroppedInBothDirections() {
        TraceResult aToB = trace("10.10.1.2", "10.10.2.2", "tcp", 40000, 22, "ether2");
        TraceResult bToA = trace("10.10.2.2", "10.10.1.3", "icmp", null, null, "ether3");

        assertThat(aToB.verdict()).isEqualTo("drop");
        assertThat(aToB.matchedRuleIds()).containsExactly(dropAToB);
        assertThat(aToB.outInterface()).isEqualTo("ether3");
        assertThat(aToB.finalSrcAddress()).isEqualTo("10.10.1.2");
        assertThat(aToB.steps()).noneMatch(step -> step.startsWith("srcnat"));

        assertThat(bToA.verdict()).isEqualTo("drop");
        assertThat(bToA.matchedRuleIds()).containsExactly(dropBToA);
        assertThat(bToA.finalSrcPort()).isNull();
    }

    @Test
    void trafficInsideATenantIsAcceptedWithoutTranslation() {
        TraceResult result = trace("10.10.1.2", "10.10.1.3", "udp", 1000, 2000, "ether2");

        assertThat(result.verdict()).isEqualTo("accept");
        assertThat(result.matchedRuleIds()).containsExactly(acceptInsideA);
        assertThat(result.finalSrcAddress()).isEqualTo("10.10.1.2");
        assertThat(result.finalDstAddress()).isEqualTo("10.10.1.3");
        assertThat(result.outInterface()).isEqualTo("ether2");
    }

    @Test
    void thePortForwardReachesTheTenantsServer() {
        TraceResult result = trace("198.51.100.7", "203.0.113.10", "tcp", 51000, 8080, "ether1");

        assertThat(result.verdict()).isEqualTo("accept");
        assertThat(result.chain()).isEqualTo("forward");
        assertThat(result.finalDstAddress()).isEqualTo("10.10.1.2");
        assertThat(result.finalDstPort()).isEqualTo(80);
        assertThat(result.finalSrcAddress()).isEqualTo("198.51.100.7");
        assertThat(result.finalSrcPort()).isEqualTo(51000);
        assertThat(result.outInterface()).isEqualTo("ether2");
        assertThat(result.matchedRuleIds()).containsExactly(portForward);
    }

    @Test
    void otherPortsOfThePublicAddressGoToTheRouterItself() {
        TraceResult otherPort = trace("198.51.100.7", "203.0.113.10", "tcp", 51000, 8081, "ether1");
        TraceResult udp = trace("198.51.100.7", "203.0.113.10", "udp", 51000, 8080, "ether1");
        TraceResult otherTenantsAddress = trace("198.51.100.7", "203.0.113.11", "tcp", 51000, 8080, "ether1");

        for (TraceResult result : new TraceResult[] {otherPort, udp, otherTenantsAddress}) {
            assertThat(result.chain()).isEqualTo("input");
            assertThat(result.outInterface()).isNull();
            assertThat(result.matchedRuleIds()).isEmpty();
        }
        assertThat(otherTenantsAddress.finalDstAddress()).isEqualTo("203.0.113.11");
    }

    @Test
    void theOtherTenantCannotUseThePortForwardToReachTenantA() {
        router.filter("chain", "forward", "action", "drop", "in-interface", "ether1", "dst-address", "10.10.1.0/29",
                "connection-nat-state", "!dstnat", "comment", "drop unforwarded WAN traffic");

        TraceResult viaForward = trace("198.51.100.7", "203.0.113.10", "tcp", 51000, 8080, "ether1");
        TraceResult direct = trace("198.51.100.7", "10.10.1.2", "tcp", 51000, 80, "ether1");
        TraceResult fromB = trace("10.10.2.2", "203.0.113.10", "tcp", 51000, 8080, "ether3");

        assertThat(viaForward.verdict()).isEqualTo("accept");
        assertThat(direct.verdict()).isEqualTo("drop");
        // the dst-nat rule is bound to in-interface ether1, so B only reaches the router
        assertThat(fromB.chain()).isEqualTo("input");
        assertThat(fromB.finalDstAddress()).isEqualTo("203.0.113.10");
    }

    @Test
    void aDisabledDropRuleIsIgnored() {
        router.byId(dropAToB).put("disabled", "true");

        TraceResult result = trace("10.10.1.2", "10.10.2.2", "tcp", 40000, 22, "ether2");

        assertThat(result.verdict()).isEqualTo("accept");
        assertThat(result.matchedRuleIds()).doesNotContain(dropAToB);
        assertThat(result.steps()).anyMatch(step -> step.contains(dropAToB) && step.contains("disabled"));
    }

    @Test
    void aSuspendedTenantsAddressInTheBlockedListIsDropped() {
        String blockSuspendedOut = router.filter("chain", "forward", "action", "drop",
                "src-address-list", "rb-suspended");
        String blockSuspendedIn = router.filter("chain", "forward", "action", "drop",
                "dst-address-list", "rb-suspended");
        TraceResult before = trace("10.10.1.2", "198.51.100.7", "tcp", 40000, 443, "ether2");
        router.listEntry("rb-suspended", "10.10.1.2");

        TraceResult out = trace("10.10.1.2", "198.51.100.7", "tcp", 40000, 443, "ether2");
        TraceResult forwardedIn = trace("198.51.100.7", "203.0.113.10", "tcp", 51000, 8080, "ether1");
        TraceResult neighbour = trace("10.10.1.3", "198.51.100.7", "tcp", 40000, 443, "ether2");

        assertThat(before.verdict()).isEqualTo("accept");
        assertThat(out.verdict()).isEqualTo("drop");
        assertThat(out.matchedRuleIds()).containsExactly(blockSuspendedOut);
        assertThat(out.finalSrcAddress()).isEqualTo("10.10.1.2");
        assertThat(forwardedIn.verdict()).isEqualTo("drop");
        assertThat(forwardedIn.matchedRuleIds()).containsExactly(portForward, blockSuspendedIn);
        assertThat(neighbour.verdict()).isEqualTo("accept");
    }

    @Test
    void aConnectedPppClientIsReachedThroughItsDynamicInterface() {
        RouterTables ppp = new RouterTables()
                .iface("ether1")
                .address("203.0.113.10/24", "ether1")
                .route("0.0.0.0/0", "203.0.113.1")
                .row("/interface", "name", "<l2tp-alice>", "type", "l2tp-in", "dynamic", "true", "disabled", "false");
        // a PPP session adds its local address as a /32 whose network is the client's address
        ppp.row("/ip/address", "address", "10.10.1.1/32", "network", "10.10.1.2", "interface", "<l2tp-alice>",
                "dynamic", "true", "disabled", "false", "invalid", "false");
        ppp.nat("chain", "dstnat", "action", "dst-nat", "protocol", "tcp", "dst-address", "203.0.113.10",
                "dst-port", "8080", "to-addresses", "10.10.1.2", "to-ports", "80");
        ppp.nat("chain", "srcnat", "action", "src-nat", "src-address", "10.10.1.2", "to-addresses", "203.0.113.10");

        TraceResult inbound = PacketTracer.trace(
                new Packet("198.51.100.7", "203.0.113.10", "tcp", 51000, 8080, "ether1"), ppp);
        TraceResult outbound = PacketTracer.trace(
                new Packet("10.10.1.2", "198.51.100.7", "tcp", 40000, 443, "<l2tp-alice>"), ppp);
        TraceResult otherClient = PacketTracer.trace(
                new Packet("198.51.100.7", "10.10.1.3", "tcp", 51000, 80, "ether1"), ppp);

        assertThat(inbound.outInterface()).isEqualTo("<l2tp-alice>");
        assertThat(inbound.finalDstAddress()).isEqualTo("10.10.1.2");
        assertThat(outbound.outInterface()).isEqualTo("ether1");
        assertThat(outbound.finalSrcAddress()).isEqualTo("203.0.113.10");
        // 10.10.1.3 has no session, hence no route; the default route sends it back out of ether1
        assertThat(otherClient.outInterface()).isEqualTo("ether1");
    }
}
