package io.routerbridge.ipam.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.actionlog.LogFilter;
import io.routerbridge.ipam.actionlog.LoggedAction;
import io.routerbridge.ipam.integration.webhook.OperatorEndpoint;
import io.routerbridge.ipam.integration.webhook.WebhookSettings;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Assign, unassign and the AfterModuleTerminate hook through the real service and MariaDB, with the signed webhook
 * as the integration, delivered to a local receiver that records every call.
 */
class AssignmentIntegrationsTest {
    private static final String SECRET = "assign-hook-secret-81d0c2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static TestService service;
    private static ApiTestClient api;
    private static OperatorEndpoint endpoint;
    private static int subnets;

    @BeforeAll
    static void start() throws IOException {
        service = TestService.start(db);
        api = ApiTestClient.withNewKey(service);
        endpoint = new OperatorEndpoint(SECRET);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        service.close();
    }

    @BeforeEach
    void webhookUp() {
        service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
        endpoint.answer(204);
    }

    @Test
    void assignPushesAddIpOnceAndARepeatAnswersTheSameBlockAndPushesItAgain() throws IOException {
        long pool = newPool();
        int before = endpoint.deliveries().size();

        HttpResponse<String> first = api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 610));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode assigned = api.json(first);
        assertThat(assigned.path("integrationErrors").isArray()).isTrue();
        assertThat(assigned.path("integrationErrors")).isEmpty();
        List<JsonNode> events = eventsSince(before);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("event").asText()).isEqualTo("ip.assigned");
            assertThat(event.path("serviceId").asLong()).isEqualTo(610);
            assertThat(event.path("address").asText()).isEqualTo(assigned.path("address").asText());
        });

        HttpResponse<String> again = api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 610));

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(api.json(again).path("id").asLong()).isEqualTo(assigned.path("id").asLong());
        assertThat(eventsSince(before)).extracting(event -> event.path("event").asText() + " "
                + event.path("address").asText()).as("the repeat pushes the same address again, nothing new")
                .containsExactly("ip.assigned " + assigned.path("address").asText(),
                        "ip.assigned " + assigned.path("address").asText());
        assertThat(new IpAllocator(new AllocationRepository(db.dsl())).assignmentsOf(610)).hasSize(1);
        assertThat(log("assign", 610)).extracting(LoggedAction::detail)
                .containsExactly("pool " + pool + "; already held", "pool " + pool);
        assertThat(log("assign", 610)).allSatisfy(entry ->
                assertThat(entry.actor().type()).isEqualTo(Actor.ActorType.API_KEY));
    }

    @Test
    void unassignPushesRemoveIpAndTakesTheAddressOutOfTblhosting() throws IOException {
        long pool = newPool();
        JsonNode assigned = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 620)));
        String address = assigned.path("address").asText();
        hostingRow(620, "Active", address, "198.18.0.7\n" + address);
        int before = endpoint.deliveries().size();

        HttpResponse<String> released = api.delete("/api/v1/assignments/" + assigned.path("id").asLong());

        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(api.json(released).path("status").asText()).isEqualTo("released");
        assertThat(api.json(released).path("integrationErrors")).isEmpty();
        assertThat(eventsSince(before)).singleElement().satisfies(event -> {
            assertThat(event.path("event").asText()).isEqualTo("ip.released");
            assertThat(event.path("serviceId").asLong()).isEqualTo(620);
            assertThat(event.path("address").asText()).isEqualTo(address);
        });
        assertThat(hosting(620)).containsExactly("", "198.18.0.7");
        assertThat(log("unassign", 620)).singleElement().satisfies(entry -> {
            assertThat(entry.address()).isEqualTo(address);
            assertThat(entry.detail()).contains("removed from tblhosting").contains("now released")
                    .doesNotContain("integration failed");
        });
    }

    @Test
    void anIntegrationThatIsDownNeverUndoesTheChangeAndIsReportedInTheAnswerAndTheLog() throws IOException {
        long pool = newPool();
        service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(closedUrl(), SECRET));

        HttpResponse<String> assignedAnswer = api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 630));

        assertThat(assignedAnswer.statusCode()).as(assignedAnswer.body()).isEqualTo(201);
        JsonNode assigned = api.json(assignedAnswer);
        String address = assigned.path("address").asText();
        assertThat(assigned.path("integrationErrors")).singleElement().satisfies(error -> {
            assertThat(error.path("integration").asText()).isEqualTo("webhook");
            assertThat(error.path("operation").asText()).isEqualTo("addIp");
            assertThat(error.path("address").asText()).isEqualTo(address);
            assertThat(error.path("message").asText()).contains("ip.assigned").contains("unreachable");
        });
        assertThat(new IpAllocator(new AllocationRepository(db.dsl())).assignmentsOf(630)).extracting(Assignment::address)
                .as("the assignment is committed").containsExactly(address);
        assertThat(log("assign", 630)).singleElement().satisfies(entry ->
                assertThat(entry.detail()).contains("integration failed: webhook").contains("unreachable"));

        hostingRow(630, "Active", address, "");
        endpoint.answer(500);
        service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
        HttpResponse<String> releasedAnswer = api.delete("/api/v1/assignments/" + assigned.path("id").asLong());

        assertThat(releasedAnswer.statusCode()).as(releasedAnswer.body()).isEqualTo(200);
        assertThat(api.json(releasedAnswer).path("status").asText()).isEqualTo("released");
        assertThat(api.json(releasedAnswer).path("integrationErrors")).singleElement().satisfies(error -> {
            assertThat(error.path("operation").asText()).isEqualTo("removeIp");
            assertThat(error.path("message").asText()).contains("ip.released").contains("HTTP 500");
        });
        assertThat(new IpAllocator(new AllocationRepository(db.dsl())).assignmentsOf(630)).as("the release is committed").isEmpty();
        assertThat(hosting(630).get(0)).isEmpty();
        assertThat(log("unassign", 630)).singleElement().satisfies(entry ->
                assertThat(entry.detail()).contains("removed from tblhosting").contains("HTTP 500"));
    }

    @Test
    void afterModuleTerminateReleasesWhatAnotherModulesServiceHoldsOnceAndLeavesOurOwnProductsAlone()
            throws IOException {
        long pool = newPool();
        long secondPool = newPool();
        Assignment first = service.app().module(IpamModule.class).assignments().assign(pool, 640, null, Actor.WHMCS).assignment();
        Assignment second = service.app().module(IpamModule.class).assignments().assign(secondPool, 640, null, Actor.WHMCS).assignment();
        hostingRow(640, "Terminated", first.address(), second.address());
        Assignment ours = service.app().module(IpamModule.class).assignments().assign(pool, 641, null, Actor.WHMCS).assignment();
        hostingRow(641, "Terminated", ours.address(), "");
        int before = endpoint.deliveries().size();

        HttpResponse<String> answer = service.callHook("AfterModuleTerminate",
                Map.of("params", Map.of("serviceid", 640, "moduletype", "cpanel")));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(service.json(answer).path("released").asInt()).isEqualTo(2);
        assertThat(new IpAllocator(new AllocationRepository(db.dsl())).assignmentsOf(640)).isEmpty();
        assertThat(eventsSince(before)).extracting(event -> event.path("event").asText() + " "
                + event.path("address").asText())
                .containsExactlyInAnyOrder("ip.released " + first.address(), "ip.released " + second.address());
        assertThat(hosting(640)).containsExactly("", "");
        assertThat(log("release", 640)).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo(Actor.WHMCS);
            assertThat(entry.detail()).startsWith("AfterModuleTerminate").contains("removed from tblhosting");
        });

        int afterFirst = endpoint.deliveries().size();
        HttpResponse<String> repeat = service.callHook("AfterModuleTerminate",
                Map.of("params", Map.of("serviceid", 640, "moduletype", "cpanel")));
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(service.json(repeat).path("released").asInt()).isZero();
        assertThat(endpoint.deliveries()).hasSize(afterFirst);
        assertThat(log("release", 640)).hasSize(2);

        HttpResponse<String> own = service.callHook("AfterModuleTerminate",
                Map.of("params", Map.of("serviceid", 641, "moduletype", "routerbridge")));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(new IpAllocator(new AllocationRepository(db.dsl())).assignmentsOf(641)).extracting(Assignment::id)
                .as("routerbridge's TerminateAccount releases its own products").containsExactly(ours.id());
        assertThat(endpoint.deliveries()).hasSize(afterFirst);
    }

    @Test
    void afterModuleTerminateWithTheIntegrationDownStillReleasesAndTellsWhmcs() throws IOException {
        long pool = newPool();
        Assignment held = service.app().module(IpamModule.class).assignments().assign(pool, 650, null, Actor.WHMCS).assignment();
        hostingRow(650, "Terminated", held.address(), "");
        service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(closedUrl(), SECRET));

        HttpResponse<String> answer = service.callHook("AfterModuleTerminate",
                Map.of("params", Map.of("serviceid", 650, "moduletype", "proxmox")));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(service.json(answer).path("error").asText()).contains("released").contains("webhook")
                .contains("unreachable");
        assertThat(new IpAllocator(new AllocationRepository(db.dsl())).assignmentsOf(650)).isEmpty();
        assertThat(hosting(650).get(0)).isEmpty();
        assertThat(service.app().module(IpamModule.class).assignments().releaseAllOf(650, Actor.WHMCS, "again")).isEmpty();
        assertThat(log("release", 650)).singleElement().satisfies(entry ->
                assertThat(entry.detail()).contains("integration failed: webhook"));
    }

    @Test
    void unassigningWhatIsNotAssignedIsAConflictAndTellsNoIntegration() {
        long pool = newPool();
        JsonNode assigned = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 660)));
        long id = assigned.path("id").asLong();
        assertThat(api.delete("/api/v1/assignments/" + id).statusCode()).isEqualTo(200);
        int before = endpoint.deliveries().size();

        HttpResponse<String> again = api.delete("/api/v1/assignments/" + id);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.json(again).path("field").asText()).isEqualTo("id");
        assertThat(api.delete("/api/v1/assignments/987654").statusCode()).isEqualTo(404);
        assertThat(endpoint.deliveries()).hasSize(before);
        assertThat(service.app().module(IpamModule.class).assignments().assign(pool, 661, null, Actor.SYSTEM).assignment().status())
                .isEqualTo(AssignmentStatus.ASSIGNED);
    }

    private static long newPool() {
        int n = ++subnets;
        long subnet = api.json(api.post("/api/v1/subnets", Map.of("cidr", "198.51." + (100 + n) + ".0/24")))
                .path("id").asLong();
        return api.json(api.post("/api/v1/pools", Map.of("name", "pool " + n, "subnetId", subnet))).path("id").asLong();
    }

    private static List<JsonNode> eventsSince(int index) throws IOException {
        List<OperatorEndpoint.Delivery> deliveries = endpoint.deliveries();
        List<JsonNode> events = new java.util.ArrayList<>();
        for (OperatorEndpoint.Delivery delivery : deliveries.subList(index, deliveries.size())) {
            assertThat(delivery.signatureValid()).isTrue();
            events.add(JSON.readTree(delivery.body()));
        }
        return events;
    }

    private static List<LoggedAction> log(String action, long serviceId) {
        return service.app().module(IpamModule.class).actionLog().find(new LogFilter(action, serviceId, null, null, null, null, null, 100));
    }

    private static void hostingRow(long serviceId, String status, String dedicatedIp, String assignedIps) {
        db.execute("INSERT INTO tblhosting (id, userid, orderid, packageid, server, regdate, domain, paymentmethod,"
                + " billingcycle, nextinvoicedate, domainstatus, username, password, notes, subscriptionid, promoid,"
                + " suspendreason, overideautosuspend, overidesuspenduntil, dedicatedip, assignedips, ns1, ns2)"
                + " VALUES (" + serviceId + ", 1, 1, 7, 1, '2026-11-01', '', 'banktransfer', 'Monthly', '2026-12-01', '"
                + status + "', '', '', '', '', 0, '', 0, '0000-00-00', '" + dedicatedIp + "', '"
                + assignedIps.replace("\n", "\\n") + "', '', '')");
    }

    /** tblhosting's dedicatedip and assignedips of the service. */
    private static List<String> hosting(long serviceId) {
        var row = db.dsl().fetchOne("SELECT dedicatedip, assignedips FROM tblhosting WHERE id = " + serviceId);
        return List.of(row.get(0, String.class), row.get(1, String.class));
    }

    private static String closedUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/ipam";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
