package io.routerbridge.lifecycle;

import static io.routerbridge.lifecycle.LifecycleFixture.configuration;
import static io.routerbridge.lifecycle.LifecycleFixture.owned;
import static io.routerbridge.lifecycle.LifecycleFixture.ownedCount;
import static io.routerbridge.lifecycle.LifecycleFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.emulator.tracer.Packet;
import io.routerbridge.emulator.tracer.TraceResult;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The vpn-nat lifecycle end to end: signed HTTP → service → MariaDB → RouterOS emulator over TCP, asserting the router
 * objects, tblhosting and packet-trace behaviour after every step.
 */
class VpnNatLifecycleTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static LifecycleFixture fixture;
    private static RouterOsEmulator router;

    @BeforeAll
    static void start() {
        fixture = new LifecycleFixture(db);
        router = LifecycleFixture.emulator();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (router != null) {
            router.close();
        }
    }

    @Test
    void createSuspendUnsuspendTerminateAndCreateAgainReusesTheFreedIp() {
        fixture.vpnNatPools("tenants", "203.0.113.0/28", "10.64.0.0/16", 11);
        String operatorRule = router.state().add("/ip/firewall/filter", Map.of("chain", "forward",
                "action", "accept", "protocol", "icmp", "comment", "operator: allow ping"));
        router.state().add("/ip/address", Map.of("address", "192.0.2.1/24", "interface", "ether2",
                "comment", "operator LAN"));
        Map<String, String> operatorRow = router.state().row("/ip/firewall/filter", operatorRule);
        fixture.hostingRow(101, 11, 1);
        fixture.hostingRow(102, 11, 1);
        fixture.hostingRow(103, 11, 1);
        Map<String, Object> a = params(101, 11, 1, router);
        Map<String, Object> b = params(102, 11, 1, router);

        // Create A, twice: same IP, same router objects.
        fixture.success("CreateAccount", a);
        String publicA = fixture.dedicatedIp(101);
        assertThat(publicA).startsWith("203.0.113.");
        assertThat(owned(router, "/ip/address", 101)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("address", publicA + "/32")
                        .containsEntry("interface", "ether1"));
        assertThat(owned(router, "/ip/firewall/nat", 101)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("action", "src-nat")
                        .containsEntry("to-addresses", publicA).containsEntry("src-address", "10.64.0.0/29"));
        assertThat(owned(router, "/ip/firewall/filter", 101)).extracting(row -> row.get("action"))
                .containsExactly("accept", "drop");
        var afterFirst = configuration(router);
        fixture.success("CreateAccount", a);
        assertThat(configuration(router)).isEqualTo(afterFirst);
        assertThat(fixture.dedicatedIp(101)).isEqualTo(publicA);

        // Create B: at most two sequential round trips on the warm connection, its own IP and prefix.
        router.resetStats();
        fixture.success("CreateAccount", b);
        assertThat(router.stats().total().roundTrips()).isLessThanOrEqualTo(2);
        String publicB = fixture.dedicatedIp(102);
        assertThat(publicB).isNotEqualTo(publicA);

        // VPN users with live sessions and tracked connections.
        fixture.created("/services/101/vpn-users", Map.of("name", "alice", "password", "alice-pass-1"));
        fixture.created("/services/102/vpn-users", Map.of("name", "bob", "password", "bob-pass-12"));
        var taken = fixture.rest("POST", "/services/102/vpn-users", Map.of("name", "alice", "password", "x-pass-123"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(fixture.rest("GET", "/services/101/plan", null).body()).isEqualTo("{\"sentences\":[]}");
        assertThat(owned(router, "/ppp/secret", 101)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("name", "alice").containsEntry("disabled", "false")
                        .containsEntry("remote-address", "10.64.0.2"));
        assertThat(owned(router, "/queue/simple", 101)).singleElement()
                .satisfies(row -> assertThat(row.get("target")).isEqualTo("10.64.0.2/32"));
        router.connectPppClient("alice", "l2tp", null, "198.51.100.20");
        router.connectPppClient("bob", "l2tp", null, "198.51.100.21");
        router.addConnection(Map.of("protocol", "tcp", "src-address", "10.64.0.2:40000",
                "dst-address", "198.51.100.7:443"));

        // Isolation and egress, by behaviour.
        TraceResult aToB = router.trace(new Packet("10.64.0.2", "10.64.0.10", "tcp", 40001, 22, "<l2tp-alice>"));
        assertThat(aToB.verdict()).as(String.join("\n", aToB.steps())).isEqualTo("drop");
        assertThat(aToB.matchedRuleIds()).contains(owned(router, "/ip/firewall/filter", 101).get(1).get(".id"));
        TraceResult aOut = router.trace(new Packet("10.64.0.2", "198.51.100.7", "tcp", 40002, 443, "<l2tp-alice>"));
        assertThat(aOut.verdict()).as(String.join("\n", aOut.steps())).isEqualTo("accept");
        assertThat(aOut.finalSrcAddress()).isEqualTo(publicA);
        TraceResult bOut = router.trace(new Packet("10.64.0.10", "198.51.100.7", "udp", 5000, 53, "<l2tp-bob>"));
        assertThat(bOut.finalSrcAddress()).isEqualTo(publicB);

        var beforeSuspend = configuration(router);

        // Suspend A, twice: user disabled, session and connections gone; B untouched.
        fixture.success("SuspendAccount", a);
        assertThat(sessions()).containsExactly("bob");
        assertThat(router.state().rows("/ip/firewall/connection"))
                .noneMatch(row -> row.get("src-address").startsWith("10.64.0.2:"));
        assertThat(owned(router, "/ppp/secret", 101).get(0)).containsEntry("disabled", "true");
        var suspended = configuration(router);
        fixture.success("SuspendAccount", a);
        assertThat(configuration(router)).isEqualTo(suspended);
        assertThat(owned(router, "/ppp/secret", 102).get(0)).containsEntry("disabled", "false");

        // Unsuspend, twice.
        fixture.success("UnsuspendAccount", a);
        assertThat(owned(router, "/ppp/secret", 101).get(0)).containsEntry("disabled", "false");
        var unsuspended = configuration(router);
        fixture.success("UnsuspendAccount", a);
        assertThat(configuration(router)).isEqualTo(unsuspended);
        assertThat(configuration(router)).isEqualTo(beforeSuspend);

        // ChangePassword in vpn-nat: nothing to change, still success.
        fixture.success("ChangePassword", a);

        // Terminate A, twice: every object gone, IP released, tblhosting cleared; operator objects untouched.
        fixture.success("TerminateAccount", a);
        assertThat(ownedCount(router, 101)).isZero();
        assertThat(fixture.dedicatedIp(101)).isEmpty();
        assertThat(fixture.assignedIps(101)).isEmpty();
        fixture.success("TerminateAccount", a);
        assertThat(ownedCount(router, 101)).isZero();
        assertThat(ownedCount(router, 102)).isEqualTo(6);
        assertThat(router.state().row("/ip/firewall/filter", operatorRule)).isEqualTo(operatorRow);
        assertThat(router.state().rows("/ip/address")).anyMatch(row -> "operator LAN".equals(row.get("comment")));

        // Create C: gets A's freed public IP and prefix.
        Map<String, Object> c = params(103, 11, 1, router);
        fixture.success("CreateAccount", c);
        assertThat(fixture.dedicatedIp(103)).isEqualTo(publicA);
        assertThat(owned(router, "/ip/firewall/nat", 103).get(0)).containsEntry("src-address", "10.64.0.0/29");
        TraceResult cToB = router.trace(new Packet("10.64.0.3", "10.64.0.10", "tcp", 40001, 22, "ether2"));
        assertThat(cToB.verdict()).isEqualTo("drop");
    }

    private static List<String> sessions() {
        return router.state().rows("/ppp/active").stream().map(row -> row.get("name")).toList();
    }

    @Test
    void preModuleCreateAssignsFromRelatedPoolsAndRefusesWhenExhausted() {
        long publicSubnet = fixture.created("/subnets", Map.of("cidr", "198.51.100.0/30"));
        long pool = fixture.created("/pools", Map.of("name", "tiny public", "subnetId", publicSubnet));
        long config = fixture.created("/configurations", Map.of("name", "tiny"));
        fixture.created("/configurations/" + config + "/relations",
                Map.of("type", "server", "targetId", 7, "poolId", pool));
        for (long id = 201; id <= 204; id++) {
            fixture.hostingRow(id, 21, 7);
        }
        JsonNode first = preModuleCreate(201, 21, 7, 200);
        String ip = first.get("dedicatedip").asText();
        assertThat(ip).startsWith("198.51.100.");
        assertThat(first.get("assignedips").asText()).isEmpty();
        assertThat(fixture.dedicatedIp(201)).isEqualTo(ip);
        assertThat(preModuleCreate(201, 21, 7, 200).get("dedicatedip").asText()).isEqualTo(ip);

        JsonNode refused = null;
        for (long id = 202; id <= 204 && refused == null; id++) {
            var answer = fixture.service.callHook("PreModuleCreate", Map.of("params", Map.of("serviceid", id,
                    "pid", 21, "serverid", 7)));
            if (answer.statusCode() == 409) {
                refused = fixture.service.json(answer);
                assertThat(fixture.dedicatedIp(id)).isEmpty();
            } else {
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(fixture.service.json(answer).get("dedicatedip").asText()).isNotEqualTo("0.0.0.0");
            }
        }
        assertThat(refused).as("a /30 runs out").isNotNull();
        assertThat(refused.get("error").asText()).contains("tiny public").doesNotContain("0.0.0.0");

        JsonNode unrelated = preModuleCreate(299, 22, 8, 200);
        assertThat(unrelated.has("dedicatedip")).isFalse();
    }

    @Test
    void aSubnetRelationGivesOneAddressFromTheFirstOfItsPoolsWithRoom() {
        long subnet = fixture.created("/subnets", Map.of("cidr", "198.51.100.8/29"));
        fixture.created("/pools", Map.of("name", "split a", "subnetId", subnet, "range", "198.51.100.9-198.51.100.10"));
        fixture.created("/pools", Map.of("name", "split b", "subnetId", subnet, "range", "198.51.100.11-198.51.100.11"));
        long config = fixture.created("/configurations", Map.of("name", "split"));
        fixture.created("/configurations/" + config + "/relations",
                Map.of("type", "product", "targetId", 71, "subnetId", subnet));
        for (long id = 701; id <= 704; id++) {
            fixture.hostingRow(id, 71, 7);
        }

        List<String> handedOut = new java.util.ArrayList<>();
        for (long id = 701; id <= 703; id++) {
            JsonNode answer = preModuleCreate(id, 71, 7, 200);
            assertThat(answer.get("assignedips").asText()).as("one address per relation, not one per pool").isEmpty();
            handedOut.add(answer.get("dedicatedip").asText());
        }
        assertThat(handedOut).containsExactly("198.51.100.9", "198.51.100.10", "198.51.100.11");
        assertThat(preModuleCreate(702, 71, 7, 200).get("dedicatedip").asText()).isEqualTo("198.51.100.10");
        assertThat(preModuleCreate(704, 71, 7, 409).get("error").asText())
                .contains("split a").contains("split b").contains("no free address");
    }

    @Test
    void routerDownAnswersClearlyKeepsTheIntentAndConvergesWhenItIsBack() throws Exception {
        try (RouterOsEmulator flaky = LifecycleFixture.emulator()) {
            fixture.vpnNatPools("flaky", "203.0.113.64/28", "10.65.0.0/16", 31);
            fixture.hostingRow(301, 31, 3);
            Map<String, Object> p = params(301, 31, 3, flaky);
            flaky.reboot(3_000);

            JsonNode down = fixture.call("CreateAccount", p, 503);
            assertThat(down.get("error").asText()).contains("router 127.0.0.1:" + flaky.apiPort() + " unreachable");
            String ip = fixture.dedicatedIp(301);
            assertThat(ip).startsWith("203.0.113.");
            ServiceRecord recorded = fixture.service.app().module(LifecycleModule.class).lifecycle().require(301);
            assertThat(recorded.lastOutcome()).isEqualTo(ApplyOutcome.FAILED);
            assertThat(recorded.attempts()).isEqualTo(1);
            assertThat(recorded.nextRetryAt()).isAfter(Instant.now());
            assertThat(fixture.service.app().module(LifecycleModule.class).lifecycle().retryDue(Instant.now())).isZero();

            awaitListening(flaky.apiPort());
            assertThat(fixture.service.app().module(LifecycleModule.class).lifecycle().retryDue(Instant.now().plusSeconds(3600))).isEqualTo(1);
            assertThat(fixture.service.app().module(LifecycleModule.class).lifecycle().require(301).lastOutcome())
                    .isEqualTo(ApplyOutcome.APPLIED);
            assertThat(owned(flaky, "/ip/address", 301)).singleElement()
                    .satisfies(row -> assertThat(row.get("address")).isEqualTo(ip + "/32"));
            int objects = ownedCount(flaky, 301);

            fixture.success("CreateAccount", p);
            assertThat(fixture.dedicatedIp(301)).isEqualTo(ip);
            assertThat(ownedCount(flaky, 301)).isEqualTo(objects).isEqualTo(4);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("router did not come back on port " + port);
    }

    @Test
    void testConnectionAndPppProfilesAskTheRouter() {
        fixture.success("TestConnection", params(401, 41, 4, router));
        JsonNode profiles = fixture.success("LoadPppProfiles", params(401, 41, 4, router));
        assertThat(profiles.get("profiles").toString()).contains("\"default\"");
        Map<String, Object> wrong = params(401, 41, 4, router);
        wrong.put("serverpassword", "not-the-password");
        JsonNode refused = fixture.call("TestConnection", wrong, 503);
        assertThat(refused.get("error").asText()).contains("router 127.0.0.1:" + router.apiPort());
    }

    @Test
    void invalidProductSettingsAreRefusedNamingTheOptionBeforeAnythingIsAssigned() {
        fixture.hostingRow(451, 45, 4);
        Map<String, Object> p = params(451, 45, 4, router);
        p.put("configoption3", "fast");
        JsonNode refused = fixture.call("CreateAccount", p, 400);
        assertThat(refused.get("field").asText()).isEqualTo("configoption3");
        p.put("configoption3", "10M/10M");
        p.put("configoption1", "bridge");
        assertThat(fixture.call("CreateAccount", p, 400).get("field").asText()).isEqualTo("configoption1");
        p.put("configoption1", "vpn-nat");
        JsonNode noPool = fixture.call("CreateAccount", p, 400);
        assertThat(noPool.get("error").asText()).contains("product 45 has no address pool");
        assertThat(fixture.dedicatedIp(451)).isEmpty();
        assertThat(fixture.call("SuspendAccount", p, 404).get("error").asText()).contains("not provisioned");
    }

    @Test
    void relationsAreValidatedNamingTheField() {
        long config = fixture.created("/configurations", Map.of("name", "validation"));
        assertField(fixture.rest("POST", "/configurations/" + config + "/relations",
                Map.of("type", "vps", "targetId", 1, "poolId", 1)), 400, "type");
        assertField(fixture.rest("POST", "/configurations/" + config + "/relations",
                Map.of("type", "product", "targetId", 1)), 400, "poolId");
        assertField(fixture.rest("POST", "/configurations/" + config + "/relations",
                Map.of("type", "product", "targetId", 1, "poolId", 999_999)), 400, "poolId");
        assertField(fixture.rest("POST", "/configurations", Map.of("name", "validation")), 400, "name");
        assertThat(fixture.rest("GET", "/configurations/" + config + "/relations", null).body()).isEqualTo("[]");
        assertThat(fixture.rest("DELETE", "/configurations/" + config, null).statusCode()).isEqualTo(204);
        assertThat(fixture.rest("GET", "/configurations/" + config, null).statusCode()).isEqualTo(404);
    }

    private static void assertField(java.net.http.HttpResponse<String> answer, int status, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(fixture.service.json(answer).get("field").asText()).isEqualTo(field);
    }

    private static JsonNode preModuleCreate(long serviceId, long productId, int serverId, int status) {
        var answer = fixture.service.callHook("PreModuleCreate", Map.of("params", Map.of("serviceid", serviceId,
                "pid", productId, "serverid", serverId)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return fixture.service.json(answer);
    }

    /**
     * Statement budget of a vpn-nat order (PreModuleCreate, then CreateAccount), read from MariaDB's own counter: a
     * change that adds queries to the hot path fails here instead of slowly eating the latency bar. The counter is
     * server-wide, so the least of three orders is compared (anything else using the server only adds). Today's
     * figure is 49: both signed requests and their nonces, two allocations, the service row, tblhosting, the outcome.
     */
    @Test
    void aVpnNatOrderStaysWithinItsStatementBudget() {
        int budget = 52;
        fixture.vpnNatPools("budget", "203.0.113.128/25", "10.67.0.0/16", 61);
        for (int service = 601; service <= 604; service++) {
            fixture.hostingRow(service, 61, 6);
        }
        order(601); // warm: router row, connection pool, caches
        long least = Long.MAX_VALUE;
        for (int service = 602; service <= 604; service++) {
            TestDatabase.awaitSpares(); // the next test class's database is made on the same server meanwhile
            long before = statementsSoFar();
            order(service);
            least = Math.min(least, statementsSoFar() - before - 1); // minus the counter read itself
        }
        assertThat(least).as("statements per order").isBetween(20L, (long) budget);
        assertThat(fixture.dedicatedIp(604)).startsWith("203.0.113.");
    }

    private static void order(long serviceId) {
        Map<String, Object> params = params(serviceId, 61, 6, router);
        assertThat(fixture.service.callHook("PreModuleCreate", Map.of("params", params)).statusCode()).isEqualTo(200);
        fixture.success("CreateAccount", params);
    }

    private static long statementsSoFar() {
        return Long.parseLong(db.dsl().fetch("SHOW GLOBAL STATUS LIKE 'Questions'").get(0).get(1).toString());
    }
}
