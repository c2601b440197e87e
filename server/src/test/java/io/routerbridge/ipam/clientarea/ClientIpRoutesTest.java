package io.routerbridge.ipam.clientarea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.actionlog.LogFilter;
import io.routerbridge.ipam.actionlog.LoggedAction;
import io.routerbridge.ipam.integration.webhook.OperatorEndpoint;
import io.routerbridge.ipam.integration.webhook.WebhookSettings;
import io.routerbridge.ipam.sync.WhmcsFixture;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client area's IP routes on the signed channel, through the real service and MariaDB: each client
 * sees and changes only its own services; another client's service or assignment is answered like one
 * that does not exist, and nothing changes.
 */
class ClientIpRoutesTest {
    private static final long CLIENT_A = 10;
    private static final long CLIENT_B = 20;
    private static final long A_VPS = 101;
    private static final long A_SUSPENDED = 102;
    private static final long A_ROUTER = 103;
    private static final long B_VPS = 201;
    private static final String WEBHOOK_SECRET = "client-area-webhook-secret-7c41";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static TestService service;

    private OperatorEndpoint operator;

    private IpAllocator allocator;
    private Assignment aAddress;
    private Assignment aPrefix;
    private Assignment aRouterAddress;
    private Assignment bAddress;

    @BeforeAll
    static void start() {
        service = TestService.start(db);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @AfterEach
    void closeOperator() {
        operator.close();
    }

    @BeforeEach
    void seed() throws Exception {
        operator = new OperatorEndpoint(WEBHOOK_SECRET);
        WhmcsFixture.reset(db);
        db.execute("""
                DELETE FROM tblproducts;
                DELETE FROM mod_routerbridge_integration_webhook;
                INSERT INTO tblproducts (id, name, servertype) VALUES (1, 'VPS Small', 'proxmox'), (2, 'Tenant VPN', 'routerbridge');
                INSERT INTO tblhosting (id, userid, packageid, domain, domainstatus, dedicatedip, assignedips) VALUES
                (101, 10, 1, 'a-vps.example.test', 'Active', '', ''),
                (102, 10, 1, 'a-old.example.test', 'Suspended', '', ''),
                (103, 10, 2, '', 'Active', '', ''),
                (201, 20, 1, 'b-vps.example.test', 'Active', '', '');
                """);
        long v4 = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("192.0.2.0/24").withGateway("192.0.2.1")).id();
        long v6 = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("2001:db8::/48")).id();
        long v4Pool = new PoolService(new PoolRepository(db.dsl())).create(NewPool.addresses("client-v4", v4)).id();
        long v6Pool = new PoolService(new PoolRepository(db.dsl())).create(NewPool.prefixes("client-v6", v6, 56)).id();
        allocator = new IpAllocator(new AllocationRepository(db.dsl()));
        aAddress = allocator.allocate(v4Pool, A_VPS);
        aPrefix = allocator.allocate(v6Pool, A_VPS);
        aRouterAddress = allocator.allocate(v4Pool, A_ROUTER);
        bAddress = allocator.allocate(v4Pool, B_VPS);
        db.execute("UPDATE tblhosting SET dedicatedip = '" + aAddress.address() + "', assignedips = '"
                + aPrefix.address() + "' WHERE id = 101;"
                + "UPDATE tblhosting SET dedicatedip = '" + aRouterAddress.address() + "' WHERE id = 103;"
                + "UPDATE tblhosting SET dedicatedip = '" + bAddress.address() + "' WHERE id = 201;");
        service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(operator.url(), WEBHOOK_SECRET));
    }

    @Test
    void theClientListsEveryServiceOfItsOwnWithItsIpsAndNothingOfOtherClients() {
        HttpResponse<String> answer = signed("GET", "/whmcs/v1/client/10/ips");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode list = service.json(answer);
        assertThat(list.path("result").asText()).isEqualTo("success");
        assertThat(list.path("clientId").asLong()).isEqualTo(CLIENT_A);
        assertThat(list.path("unassignAllowed").asBoolean()).isTrue();
        assertThat(list.path("services").findValuesAsText("serviceId")).containsExactly("101", "102", "103");
        JsonNode vps = list.path("services").get(0);
        assertThat(vps.path("product").asText()).isEqualTo("VPS Small");
        assertThat(vps.path("domain").asText()).isEqualTo("a-vps.example.test");
        assertThat(vps.path("status").asText()).isEqualTo("Active");
        assertThat(vps.path("dedicatedIp").asText()).isEqualTo(aAddress.address());
        assertThat(vps.path("assignedIps").get(0).asText()).isEqualTo(aPrefix.address());
        assertThat(vps.path("routerManaged").asBoolean()).isFalse();
        assertThat(vps.path("addresses").findValuesAsText("address")).containsExactly(aAddress.address(), aPrefix.address());
        JsonNode prefix = vps.path("addresses").get(1);
        assertThat(prefix.path("assignmentId").asLong()).isEqualTo(aPrefix.id());
        assertThat(prefix.path("family").asText()).isEqualTo("ipv6");
        assertThat(prefix.path("prefixLength").asInt()).isEqualTo(56);
        assertThat(prefix.path("unassignable").asBoolean()).isTrue();
        JsonNode suspended = list.path("services").get(1);
        assertThat(suspended.path("status").asText()).isEqualTo("Suspended");
        assertThat(suspended.path("addresses").isEmpty()).isTrue();
        JsonNode router = list.path("services").get(2);
        assertThat(router.path("product").asText()).isEqualTo("Tenant VPN");
        assertThat(router.path("routerManaged").asBoolean()).isTrue();
        assertThat(router.path("addresses").get(0).path("unassignable").asBoolean()).isFalse();
        assertThat(answer.body()).doesNotContain(bAddress.address()).doesNotContain("b-vps");

        JsonNode other = service.json(signed("GET", "/whmcs/v1/client/20/ips"));
        assertThat(other.path("services").findValuesAsText("serviceId")).containsExactly("201");
        assertThat(other.toString()).doesNotContain(aAddress.address()).doesNotContain(aPrefix.address());

        JsonNode nobody = service.json(signed("GET", "/whmcs/v1/client/30/ips"));
        assertThat(nobody.path("services").isEmpty()).isTrue();
    }

    @Test
    void oneServiceIsListedOnlyForItsOwner() {
        HttpResponse<String> own = signed("GET", "/whmcs/v1/client/10/services/101/ips");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(service.json(own).path("services").findValuesAsText("serviceId")).containsExactly("101");
        assertThat(service.json(own).path("services").get(0).path("addresses").findValuesAsText("address"))
                .containsExactly(aAddress.address(), aPrefix.address());

        HttpResponse<String> others = signed("GET", "/whmcs/v1/client/10/services/201/ips");
        HttpResponse<String> missing = signed("GET", "/whmcs/v1/client/10/services/999/ips");
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(service.json(others).path("error").asText()).isEqualTo("no such service");
        assertThat(others.body()).doesNotContain(bAddress.address());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).as("another client's service looks exactly like none").isEqualTo(others.body());

        // "2010" must never be read as service 201 (or 20) by a looser path match.
        assertThat(signed("GET", "/whmcs/v1/client/20/services/2010/ips").statusCode()).isEqualTo(404);
        assertThat(signed("GET", "/whmcs/v1/client/20/services/201/ips").statusCode()).isEqualTo(200);
        // Unknown routes under another client's service say nothing more than "no such service".
        HttpResponse<String> unknownRoute = signed("GET", "/whmcs/v1/client/10/services/201/vpn-users");
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(service.json(unknownRoute).path("error").asText()).isEqualTo("no such service");
    }

    @Test
    void malformedIdsAreRefusedWithAClearMessage() {
        HttpResponse<String> badClient = signed("GET", "/whmcs/v1/client/abc/ips");
        assertThat(badClient.statusCode()).isEqualTo(400);
        assertThat(service.json(badClient).path("field").asText()).isEqualTo("clientId");
        assertThat(signed("GET", "/whmcs/v1/client/0/ips").statusCode()).isEqualTo(400);
        HttpResponse<String> badService = signed("GET", "/whmcs/v1/client/10/services/-1/ips");
        assertThat(badService.statusCode()).isEqualTo(400);
        assertThat(service.json(badService).path("field").asText()).isEqualTo("serviceId");
        HttpResponse<String> badAssignment = signed("DELETE", "/whmcs/v1/client/10/services/101/ips/x1");
        assertThat(badAssignment.statusCode()).isEqualTo(400);
        assertThat(service.json(badAssignment).path("field").asText()).isEqualTo("assignmentId");
        assertNothingChanged();
    }

    @Test
    void unassignReleasesClearsWhmcsTellsTheIntegrationsAndLogsTheClient() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> answer = signed("DELETE", "/whmcs/v1/client/10/services/101/ips/" + aAddress.id());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode released = service.json(answer);
        assertThat(released.path("result").asText()).isEqualTo("success");
        assertThat(released.path("address").asText()).isEqualTo(aAddress.address());
        assertThat(released.path("clearedInWhmcs").asBoolean()).isTrue();
        assertThat(allocator.assignmentsOf(A_VPS)).containsExactly(aPrefix);
        assertThat(hosting(A_VPS)).containsExactly("", aPrefix.address());
        assertThat(operator.deliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.signatureValid()).isTrue();
            JsonNode event = JSON.readTree(delivery.body());
            assertThat(event.path("event").asText()).isEqualTo("ip.released");
            assertThat(event.path("serviceId").asLong()).isEqualTo(A_VPS);
            assertThat(event.path("address").asText()).isEqualTo(aAddress.address());
        });
        List<LoggedAction> logged = clientLog();
        assertThat(logged).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(Actor.client(CLIENT_A));
            assertThat(entry.action()).isEqualTo("unassign");
            assertThat(entry.serviceId()).isEqualTo(A_VPS);
            assertThat(entry.address()).isEqualTo(aAddress.address());
            assertThat(entry.assignmentId()).isEqualTo(aAddress.id());
            assertThat(entry.at()).isAfterOrEqualTo(before);
            assertThat(entry.detail()).contains("client area").contains("removed from tblhosting");
        });
        ApiTestClient api = ApiTestClient.withNewKey(service);
        JsonNode viaRest = api.json(api.get("/api/v1/logs?actorType=client&actor=10"));
        assertThat(viaRest.findValuesAsText("address")).containsExactly(aAddress.address());

        // The list no longer shows it; a repeated unassign finds nothing and changes nothing.
        JsonNode list = service.json(signed("GET", "/whmcs/v1/client/10/services/101/ips"));
        assertThat(list.path("services").get(0).path("addresses").findValuesAsText("address"))
                .containsExactly(aPrefix.address());
        HttpResponse<String> again = signed("DELETE", "/whmcs/v1/client/10/services/101/ips/" + aAddress.id());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(service.json(again).path("error").asText()).isEqualTo(ClientIps.NO_SUCH_ASSIGNMENT);
        assertThat(operator.deliveries()).hasSize(1);
        assertThat(clientLog()).hasSize(1);

        // An IPv6 prefix goes the same way and leaves assignedips empty.
        assertThat(signed("DELETE", "/whmcs/v1/client/10/services/101/ips/" + aPrefix.id()).statusCode()).isEqualTo(200);
        assertThat(allocator.assignmentsOf(A_VPS)).isEmpty();
        assertThat(hosting(A_VPS)).containsExactly("", "");
        assertThat(allocator.assignmentsOf(B_VPS)).containsExactly(bAddress);
    }

    @Test
    void aClientCannotUnassignAnotherClientsIpByAnyPath() {
        // B's service under A's id, B's assignment under A's own service, and B's assignment under A's id and B's service.
        HttpResponse<String> viaOthersService = signed("DELETE", "/whmcs/v1/client/10/services/201/ips/" + bAddress.id());
        HttpResponse<String> viaOwnService = signed("DELETE", "/whmcs/v1/client/10/services/101/ips/" + bAddress.id());
        HttpResponse<String> missingService = signed("DELETE", "/whmcs/v1/client/10/services/999/ips/" + bAddress.id());

        assertThat(viaOthersService.statusCode()).isEqualTo(404);
        assertThat(service.json(viaOthersService).path("error").asText()).isEqualTo("no such service");
        assertThat(viaOthersService.body()).isEqualTo(missingService.body());
        assertThat(viaOwnService.statusCode()).isEqualTo(404);
        assertThat(service.json(viaOwnService).path("error").asText()).isEqualTo(ClientIps.NO_SUCH_ASSIGNMENT);
        assertThat(viaOwnService.body()).doesNotContain(bAddress.address());
        assertNothingChanged();
    }

    @Test
    void addressesOfRouterbridgeServicesFollowTheLifecycleAndAreNotUnassignedHere() {
        HttpResponse<String> refused = signed("DELETE", "/whmcs/v1/client/10/services/103/ips/" + aRouterAddress.id());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(service.json(refused).path("error").asText()).contains("router configuration");
        assertNothingChanged();
    }

    @Test
    void theOperatorCanTurnClientUnassignOff() {
        ApiTestClient api = ApiTestClient.withNewKey(service);
        assertThat(api.json(api.get("/api/v1/client-area/settings")).path("clientUnassign").asBoolean()).isTrue();
        HttpResponse<String> off = api.send("PUT", "/api/v1/client-area/settings", "{\"clientUnassign\":false}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(api.json(off).path("clientUnassign").asBoolean()).isFalse();
        assertThat(api.send("PUT", "/api/v1/client-area/settings", "{\"clientUnassign\":\"no\"}").statusCode())
                .isEqualTo(400);
        assertThat(api.send("PUT", "/api/v1/client-area/settings", "{\"other\":true}").statusCode()).isEqualTo(400);

        JsonNode list = service.json(signed("GET", "/whmcs/v1/client/10/ips"));
        assertThat(list.path("unassignAllowed").asBoolean()).isFalse();
        assertThat(list.path("services").findValuesAsText("unassignable")).isNotEmpty().containsOnly("false");
        HttpResponse<String> refused = signed("DELETE", "/whmcs/v1/client/10/services/101/ips/" + aAddress.id());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(service.json(refused).path("error").asText()).contains("turned off");
        assertNothingChanged();

        assertThat(api.json(api.send("PUT", "/api/v1/client-area/settings", "{\"clientUnassign\":true}"))
                .path("clientUnassign").asBoolean()).isTrue();
        assertThat(signed("DELETE", "/whmcs/v1/client/10/services/101/ips/" + aAddress.id()).statusCode()).isEqualTo(200);
    }

    @Test
    void unsignedStaleAndRetargetedRequestsAreRefusedOnEveryClientRoute() {
        List<String[]> routes = List.of(
                new String[] {"GET", "/whmcs/v1/client/10/ips"},
                new String[] {"GET", "/whmcs/v1/client/10/services/101/ips"},
                new String[] {"DELETE", "/whmcs/v1/client/10/services/101/ips/" + aAddress.id()});
        for (String[] route : routes) {
            String method = route[0];
            String path = route[1];
            assertRefused(service.send(method, path, null, Map.of()), "unsigned request");
            Instant stale = Instant.now().minusSeconds(400);
            assertRefused(service.send(method, path, null, service.signatureHeaders(method, path, "", stale)),
                    "away from the service clock");
            // Signed for client 20, sent for client 10: the client id is part of what is signed.
            String forB = path.replace("/client/10/", "/client/20/");
            assertRefused(service.send(method, path, null, service.signatureHeaders(method, forB, "", Instant.now())),
                    "signature does not match");
            // Replayed: only GETs are sent twice, so nothing is changed by the first send.
            if (method.equals("GET")) {
                Map<String, String> replayed = service.signatureHeaders(method, path, "", Instant.now());
                HttpResponse<String> first = service.send(method, path, null, replayed);
                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
                assertRefused(service.send(method, path, null, replayed), "replay");
            }
        }
        assertNothingChanged();
    }

    private void assertNothingChanged() {
        assertThat(allocator.assignmentsOf(A_VPS)).containsExactly(aAddress, aPrefix);
        assertThat(allocator.assignmentsOf(A_ROUTER)).containsExactly(aRouterAddress);
        assertThat(allocator.assignmentsOf(B_VPS)).containsExactly(bAddress);
        assertThat(hosting(A_VPS)).containsExactly(aAddress.address(), aPrefix.address());
        assertThat(hosting(A_ROUTER)).containsExactly(aRouterAddress.address(), "");
        assertThat(hosting(B_VPS)).containsExactly(bAddress.address(), "");
        assertThat(operator.deliveries().stream().filter(d -> d.body().contains("ip.released")).toList()).isEmpty();
        assertThat(service.app().module(IpamModule.class).actionLog().find(new LogFilter("unassign", null, null, null, null, null, null,
                100))).isEmpty();
    }

    private List<LoggedAction> clientLog() {
        return service.app().module(IpamModule.class).actionLog().find(new LogFilter(null, null, null, Actor.ActorType.CLIENT, null,
                null, null, 100));
    }

    private static List<String> hosting(long serviceId) {
        List<String> columns = new ArrayList<>();
        db.dsl().fetch("SELECT dedicatedip, assignedips FROM tblhosting WHERE id = ?", serviceId).forEach(row -> {
            columns.add(row.get(0, String.class));
            columns.add(row.get(1, String.class));
        });
        return columns;
    }

    private static HttpResponse<String> signed(String method, String pathAndQuery) {
        return service.send(method, pathAndQuery, null, service.signatureHeaders(method, pathAndQuery, "", Instant.now()));
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).contains(reason);
    }
}
