package io.routerbridge.ipam.integration.webhook;

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
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.netbox.NetBoxReleaseMode;
import io.routerbridge.ipam.netbox.NetBoxSettings;
import io.routerbridge.ipam.orphans.ReleaseResult;
import io.routerbridge.testsupport.LogCapture;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The signed webhook through the real service and MariaDB, delivered to a local receiver that checks signatures. */
class WebhookIntegrationTest {
    private static final String SECRET = "whk-secret-5f1c0a9e77d2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @Test
    void settingsAreWriteOnlyEncryptedAndCanBeTurnedOff() throws Exception {
        try (LogCapture logs = LogCapture.start(); TestService service = TestService.start(db);
             OperatorEndpoint endpoint = new OperatorEndpoint(SECRET)) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            assertThat(api.get("/api/v1/integrations/webhook").statusCode()).isEqualTo(404);
            assertThat(api.delete("/api/v1/integrations/webhook").statusCode()).isEqualTo(404);

            HttpResponse<String> badUrl = api.send("PUT", "/api/v1/integrations/webhook",
                    "{\"url\":\"ftp://x/y\",\"secret\":\"" + SECRET + "\"}");
            assertThat(badUrl.statusCode()).isEqualTo(400);
            assertThat(api.json(badUrl).path("field").asText()).isEqualTo("url");
            HttpResponse<String> noSecret = api.send("PUT", "/api/v1/integrations/webhook", "{\"url\":\"" + endpoint.url() + "\"}");
            assertThat(noSecret.statusCode()).isEqualTo(400);
            assertThat(api.json(noSecret).path("field").asText()).isEqualTo("secret");

            HttpResponse<String> put = api.send("PUT", "/api/v1/integrations/webhook",
                    "{\"url\":\"" + endpoint.url() + "\",\"secret\":\"" + SECRET + "\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.body()).doesNotContain(SECRET);
            HttpResponse<String> got = api.get("/api/v1/integrations/webhook");
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).doesNotContain(SECRET);
            assertThat(api.json(got).path("url").asText()).isEqualTo(endpoint.url());
            assertThat(api.json(got).path("secretSet").asBoolean()).isTrue();
            assertThat(service.app().module(IpamModule.class).webhookIntegration().storedSecret()).hasValueSatisfying(stored ->
                    assertThat(stored).isNotBlank().doesNotContain(SECRET));
            assertThat(service.app().module(IpamModule.class).webhookIntegration().settings().orElseThrow().secret().reveal()).isEqualTo(SECRET);

            assertThat(api.delete("/api/v1/integrations/webhook").statusCode()).isEqualTo(204);
            assertThat(api.get("/api/v1/integrations/webhook").statusCode()).isEqualTo(404);
            logs.assertNoLineContains(SECRET);
        }
    }

    @Test
    void assignmentsAndReleasesAreDeliveredSignedAndFailuresNeverTouchIpamState() throws Exception {
        try (LogCapture logs = LogCapture.start(); TestService service = TestService.start(db);
             OperatorEndpoint endpoint = new OperatorEndpoint(SECRET)) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            Subnet subnet = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("192.0.2.0/24"));
            Pool pool = new PoolService(new PoolRepository(db.dsl())).create(NewPool.addresses("webhook", subnet.id()));
            IpAllocator allocator = new IpAllocator(new AllocationRepository(db.dsl()));
            Assignment held = allocator.allocate(pool.id(), 41);

            // Not configured: the hook succeeds and nothing is sent.
            assertThat(service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41))).statusCode())
                    .isEqualTo(200);
            assertThat(endpoint.deliveries()).isEmpty();

            api.send("PUT", "/api/v1/integrations/webhook", "{\"url\":\"" + endpoint.url() + "\",\"secret\":\"" + SECRET + "\"}");
            Instant before = Instant.now().minusSeconds(1);
            HttpResponse<String> pushed = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41)));
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            OperatorEndpoint.Delivery assigned = endpoint.deliveries().get(0);
            assertThat(endpoint.deliveries()).hasSize(1);
            assertThat(assigned.signatureValid()).isTrue();
            assertThat(Long.parseLong(assigned.timestamp())).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond() + 1);
            assertThat(assigned.nonce()).hasSize(32);
            JsonNode event = JSON.readTree(assigned.body());
            assertThat(event.path("event").asText()).isEqualTo("ip.assigned");
            assertThat(event.path("serviceId").asLong()).isEqualTo(41);
            assertThat(event.path("address").asText()).isEqualTo(held.address());
            assertThat(event.path("prefixLength").asInt()).isEqualTo(32);
            assertThat(event.path("family").asText()).isEqualTo("ipv4");
            assertThat(event.path("poolId").asLong()).isEqualTo(pool.id());
            assertThat(event.path("subnetId").asLong()).isEqualTo(subnet.id());
            assertThat(Instant.parse(event.path("at").asText())).isAfterOrEqualTo(before);

            // A receiver holding another secret rejects the signature; the hook reports it, the address stays.
            try (OperatorEndpoint stranger = new OperatorEndpoint("some-other-secret")) {
                service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(stranger.url(), SECRET));
                HttpResponse<String> rejected = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41)));
                assertThat(rejected.statusCode()).isEqualTo(503);
                assertThat(service.json(rejected).path("error").asText()).contains("webhook").contains("HTTP 401");
                assertThat(stranger.deliveries()).singleElement().satisfies(d -> assertThat(d.signatureValid()).isFalse());
            }

            service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
            endpoint.answer(500);
            HttpResponse<String> refused = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41)));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(service.json(refused).path("error").asText()).contains("keeps its addresses")
                    .contains("webhook").contains("ip.assigned").contains("HTTP 500");
            assertThat(allocator.assignmentsOf(41)).containsExactly(held);

            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of("http://127.0.0.1:" + closedPort + "/x", SECRET));
            HttpResponse<String> down = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41)));
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(service.json(down).path("error").asText()).contains("webhook").contains("unreachable");
            assertThat(allocator.assignmentsOf(41)).containsExactly(held);

            // Service 41 does not exist in WHMCS: an orphan. Its release is committed even with the endpoint down.
            Assignment second = allocator.allocate(pool.id(), 42);
            List<ReleaseResult> downRelease = service.app().module(IpamModule.class).orphans().release(List.of(second.id()), Actor.SYSTEM);
            assertThat(downRelease).singleElement().satisfies(r -> {
                assertThat(r.released()).isTrue();
                assertThat(r.detail()).contains("webhook").contains("unreachable");
            });
            assertThat(allocator.assignmentsOf(42)).as("the release is committed").isEmpty();

            // NetBox down must not keep the webhook from being told, on push and on release.
            service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
            service.app().module(IpamModule.class).netBoxIntegration().configure(NetBoxSettings.of("http://127.0.0.1:" + closedPort, "t"),
                    NetBoxReleaseMode.DEPRECATE);
            endpoint.answer(200);
            int pushedBefore = endpoint.deliveries().size();
            HttpResponse<String> netBoxDown = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41)));
            assertThat(netBoxDown.statusCode()).isEqualTo(503);
            assertThat(service.json(netBoxDown).path("error").asText()).contains("netbox").doesNotContain("webhook");
            assertThat(endpoint.deliveries()).hasSize(pushedBefore + 1);
            assertThat(endpoint.deliveries().get(pushedBefore).signatureValid()).isTrue();

            int sentBefore = endpoint.deliveries().size();
            List<ReleaseResult> released = service.app().module(IpamModule.class).orphans().releaseAll(Actor.SYSTEM);
            assertThat(released).singleElement().satisfies(r -> {
                assertThat(r.released()).isTrue();
                assertThat(r.address()).isEqualTo(held.address());
                assertThat(r.detail()).contains("netbox").doesNotContain("webhook");
            });
            List<OperatorEndpoint.Delivery> after = endpoint.deliveries().subList(sentBefore, endpoint.deliveries().size());
            assertThat(after).singleElement().satisfies(d -> {
                assertThat(d.signatureValid()).isTrue();
                JsonNode releasedEvent = JSON.readTree(d.body());
                assertThat(releasedEvent.path("event").asText()).isEqualTo("ip.released");
                assertThat(releasedEvent.path("serviceId").asLong()).isEqualTo(41);
                assertThat(releasedEvent.path("address").asText()).isEqualTo(held.address());
            });
            assertThat(endpoint.deliveries()).extracting(OperatorEndpoint.Delivery::nonce).doesNotHaveDuplicates();
            logs.assertNoLineContains(SECRET);
        }
    }
}
