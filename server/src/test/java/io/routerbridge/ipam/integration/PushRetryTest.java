package io.routerbridge.ipam.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.announcements.AnnouncementsModule;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.app.Application;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.actionlog.LogFilter;
import io.routerbridge.ipam.actionlog.LoggedAction;
import io.routerbridge.ipam.integration.webhook.OperatorEndpoint;
import io.routerbridge.ipam.integration.webhook.WebhookSettings;
import io.routerbridge.ipam.netbox.FakeNetBox;
import io.routerbridge.ipam.netbox.NetBoxClient;
import io.routerbridge.ipam.netbox.NetBoxReleaseMode;
import io.routerbridge.ipam.netbox.NetBoxSettings;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A push that NetBox or the webhook did not take is kept and delivered later, through the real service, MariaDB, a
 * signature-checking webhook receiver and the NetBox lookalike; the newest intent per address wins.
 */
class PushRetryTest {
    private static final String SECRET = "retry-hook-secret-0b7e41";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @Test
    void failedPushesAreKeptAndDeliveredWhenTheirTimeComesWithGrowingDelays() throws Exception {
        try (TestService service = TestService.start(db); OperatorEndpoint endpoint = new OperatorEndpoint(SECRET);
             FakeNetBox netBox = new FakeNetBox()) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
            service.app().module(IpamModule.class).netBoxIntegration().configure(NetBoxSettings.of(netBox.url(), "a-wrong-token"),
                    NetBoxReleaseMode.DEPRECATE);
            endpoint.answer(500);
            long pool = newPool(api, "198.51.100.0/24");

            Instant before = Instant.now();
            JsonNode assigned = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 710)));
            String address = assigned.path("address").asText();
            assertThat(assigned.path("integrationErrors")).hasSize(2).allSatisfy(error ->
                    assertThat(error.path("message").asText()).contains("queued, retried in the background"));

            JsonNode pending = api.json(api.get("/api/v1/integrations/retries"));
            assertThat(pending).extracting(row -> row.path("integration").asText()).containsExactly("netbox", "webhook");
            assertThat(pending).allSatisfy(row -> {
                assertThat(row.path("operation").asText()).isEqualTo("addIp");
                assertThat(row.path("address").asText()).isEqualTo(address);
                assertThat(row.path("serviceId").asLong()).isEqualTo(710);
                assertThat(row.path("assignmentId").asLong()).isEqualTo(assigned.path("id").asLong());
                assertThat(row.path("attempts").asInt()).isEqualTo(1);
                assertThat(Duration.between(before, Instant.parse(row.path("nextRetryAt").asText())))
                        .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(35));
            });
            assertThat(pending.get(0).path("lastError").asText()).contains("HTTP 403");
            assertThat(pending.get(1).path("lastError").asText()).contains("HTTP 500");

            int sent = endpoint.deliveries().size();
            assertThat(retrierAt(service, Instant.now()).retryDue()).as("not due yet").isZero();
            assertThat(endpoint.deliveries()).hasSize(sent);

            // the operator fixes NetBox's token; the webhook still answers 500
            service.app().module(IpamModule.class).netBoxIntegration().configure(NetBoxSettings.of(netBox.url(), FakeNetBox.TOKEN),
                    NetBoxReleaseMode.DEPRECATE);
            Instant later = Instant.now().plusSeconds(31);
            assertThat(retrierAt(service, later).retryDue()).as("NetBox delivered, the webhook not").isEqualTo(1);
            assertThat(netBox.all(NetBoxClient.IP_ADDRESSES)).singleElement().satisfies(ip -> {
                assertThat(ip.path("address").asText()).startsWith(address + "/");
                assertThat(ip.path("status").path("value").asText()).isEqualTo("active");
            });
            assertThat(endpoint.deliveries()).hasSize(sent + 1);
            JsonNode again = api.json(api.get("/api/v1/integrations/retries")).get(0);
            assertThat(again.path("integration").asText()).isEqualTo("webhook");
            assertThat(again.path("attempts").asInt()).isEqualTo(2);
            assertThat(Duration.between(later, Instant.parse(again.path("nextRetryAt").asText())))
                    .as("twice the first delay").isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
            assertThat(retrierAt(service, later.plusSeconds(30)).retryDue()).as("not due again yet").isZero();
            assertThat(endpoint.deliveries()).hasSize(sent + 1);

            endpoint.answer(204);
            assertThat(retrierAt(service, later.plusSeconds(61)).retryDue()).isEqualTo(1);
            List<JsonNode> events = eventsSince(endpoint, sent + 1);
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.path("event").asText()).isEqualTo("ip.assigned");
                assertThat(event.path("address").asText()).isEqualTo(address);
                assertThat(event.path("serviceId").asLong()).isEqualTo(710);
            });
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).isEmpty();
            assertThat(pushLog(service, 710)).extracting(LoggedAction::detail).containsExactlyInAnyOrder(
                    "netbox: addIp delivered after 1 failed attempt(s)",
                    "webhook: addIp delivered after 2 failed attempt(s)");
        }
    }

    @Test
    void theNewestIntentPerAddressWinsAndAStalePushIsNeverSent() throws Exception {
        try (TestService service = TestService.start(db); OperatorEndpoint endpoint = new OperatorEndpoint(SECRET)) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
            long pool = newPool(api, "198.51.101.0/24");

            // add fails, then the release fails too: only the release is left to deliver
            endpoint.answer(503);
            JsonNode first = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 720)));
            api.delete("/api/v1/assignments/" + first.path("id").asLong());
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).singleElement().satisfies(row -> {
                assertThat(row.path("operation").asText()).isEqualTo("removeIp");
                assertThat(row.path("address").asText()).isEqualTo(first.path("address").asText());
                assertThat(row.path("attempts").asInt()).isEqualTo(2);
            });
            endpoint.answer(204);
            int sent = endpoint.deliveries().size();
            assertThat(retrierAt(service, Instant.now().plusSeconds(31)).retryDue()).isEqualTo(1);
            assertThat(eventsSince(endpoint, sent)).extracting(event -> event.path("event").asText())
                    .containsExactly("ip.released");

            // add fails, then the release is delivered at once: the pending add is moot and removed
            endpoint.answer(500);
            JsonNode second = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 721)));
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).hasSize(1);
            endpoint.answer(204);
            HttpResponse<String> released = api.delete("/api/v1/assignments/" + second.path("id").asLong());
            assertThat(api.json(released).path("integrationErrors")).isEmpty();
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).isEmpty();

            // add fails, then the address is released without any push (e.g. by a database fix): the add is dropped unsent
            endpoint.answer(500);
            JsonNode third = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 722)));
            new IpAllocator(new AllocationRepository(db.dsl())).releaseAssignment(pool, third.path("id").asLong());
            long id = api.json(api.get("/api/v1/integrations/retries")).get(0).path("id").asLong();
            endpoint.answer(204);
            sent = endpoint.deliveries().size();
            HttpResponse<String> now = api.post("/api/v1/integrations/retries/" + id + "/retry", Map.of());
            assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
            assertThat(api.json(now).path("result").asText()).isEqualTo("superseded");
            assertThat(endpoint.deliveries()).hasSize(sent);
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).isEmpty();
        }
    }

    @Test
    void anOperatorRetriesNowOrDropsAPushAndBadRequestsAreRefused() throws Exception {
        try (TestService service = TestService.start(db); OperatorEndpoint endpoint = new OperatorEndpoint(SECRET)) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
            long pool = newPool(api, "198.51.102.0/24");
            endpoint.answer(500);
            api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 730));
            api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 731));
            JsonNode pending = api.json(api.get("/api/v1/integrations/retries"));
            assertThat(pending).hasSize(2);
            long firstId = pending.get(0).path("id").asLong();
            long secondId = pending.get(1).path("id").asLong();
            assertThat(api.json(api.get("/api/v1/integrations/retries?limit=1"))).hasSize(1);

            HttpResponse<String> stillDown = api.post("/api/v1/integrations/retries/" + firstId + "/retry", Map.of());
            assertThat(stillDown.statusCode()).isEqualTo(200);
            assertThat(api.json(stillDown).path("result").asText()).isEqualTo("failed");
            assertThat(api.json(stillDown).path("error").asText()).contains("HTTP 500");

            endpoint.answer(204);
            HttpResponse<String> delivered = api.post("/api/v1/integrations/retries/" + firstId + "/retry", Map.of());
            assertThat(api.json(delivered).path("result").asText()).isEqualTo("delivered");
            assertThat(api.delete("/api/v1/integrations/retries/" + secondId).statusCode()).isEqualTo(204);
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).isEmpty();
            assertThat(pushLog(service, 731)).singleElement().satisfies(entry -> {
                assertThat(entry.detail()).contains("webhook: addIp dropped after 1 failed attempt(s)")
                        .contains("HTTP 500");
                assertThat(entry.actor().type()).isEqualTo(Actor.ActorType.API_KEY);
            });

            assertThat(api.delete("/api/v1/integrations/retries/" + secondId).statusCode()).isEqualTo(404);
            assertThat(api.post("/api/v1/integrations/retries/" + secondId + "/retry", Map.of()).statusCode())
                    .isEqualTo(404);
            HttpResponse<String> badId = api.delete("/api/v1/integrations/retries/abc");
            assertThat(badId.statusCode()).isEqualTo(400);
            assertThat(api.json(badId).path("field").asText()).isEqualTo("id");
            HttpResponse<String> badLimit = api.get("/api/v1/integrations/retries?limit=0");
            assertThat(badLimit.statusCode()).isEqualTo(400);
            assertThat(api.json(badLimit).path("field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void anEndpointThatIsStillDownCostsOneAttemptPerPassNotOnePerPendingPush() throws Exception {
        try (TestService service = TestService.start(db); OperatorEndpoint endpoint = new OperatorEndpoint(SECRET)) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
            long pool = newPool(api, "198.51.104.0/24");
            endpoint.answer(500);
            for (int serviceId = 750; serviceId < 753; serviceId++) {
                api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", serviceId));
            }
            int sent = endpoint.deliveries().size();
            Instant due = Instant.now().plusSeconds(31);

            assertThat(retrierAt(service, due).retryDue()).isZero();

            assertThat(endpoint.deliveries()).as("one attempt, then the pass moves on").hasSize(sent + 1);
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).extracting(row -> row.path("attempts").asInt())
                    .containsExactly(2, 1, 1);
            endpoint.answer(204);
            assertThat(retrierAt(service, due).retryDue()).as("the two left waiting; the third is not due").isEqualTo(2);
            assertThat(retrierAt(service, due.plusSeconds(61)).retryDue()).isEqualTo(1);
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).isEmpty();
        }
    }

    @Test
    void aPushToAnIntegrationTurnedOffSinceIsDroppedUnsentAndLogged() throws Exception {
        try (TestService service = TestService.start(db); OperatorEndpoint endpoint = new OperatorEndpoint(SECRET)) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
            long pool = newPool(api, "198.51.103.0/24");
            endpoint.answer(500);
            api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 740));
            long id = api.json(api.get("/api/v1/integrations/retries")).get(0).path("id").asLong();
            assertThat(api.delete("/api/v1/integrations/webhook").statusCode()).isEqualTo(204);
            endpoint.answer(204);
            int sent = endpoint.deliveries().size();

            HttpResponse<String> now = api.post("/api/v1/integrations/retries/" + id + "/retry", Map.of());

            assertThat(api.json(now).path("result").asText()).isEqualTo("superseded");
            assertThat(endpoint.deliveries()).hasSize(sent);
            assertThat(api.json(api.get("/api/v1/integrations/retries"))).isEmpty();
            assertThat(pushLog(service, 740)).singleElement().satisfies(entry -> assertThat(entry.detail())
                    .isEqualTo("webhook: addIp not sent: the integration has been turned off since"));
        }
    }

    /** The service's retrier as it would run at {@code at}, over the same database and integrations. */
    private static PushRetrier retrierAt(TestService service, Instant at) {
        Application app = service.app();
        IpamModule ipam = app.module(IpamModule.class);
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        return new PushRetrier(new PushRetryRepository(app.dsl(), app.json(), clock),
                List.of(ipam.netBoxIntegration(), ipam.webhookIntegration(),
                        app.module(AnnouncementsModule.class).mikroTik()),
                ipam.actionLog(), clock);
    }

    private static long newPool(ApiTestClient api, String cidr) {
        long subnet = api.json(api.post("/api/v1/subnets", Map.of("cidr", cidr))).path("id").asLong();
        return api.json(api.post("/api/v1/pools", Map.of("name", "pool " + cidr, "subnetId", subnet))).path("id").asLong();
    }

    private static List<JsonNode> eventsSince(OperatorEndpoint endpoint, int index) throws IOException {
        List<OperatorEndpoint.Delivery> deliveries = endpoint.deliveries();
        List<JsonNode> events = new ArrayList<>();
        for (OperatorEndpoint.Delivery delivery : deliveries.subList(index, deliveries.size())) {
            assertThat(delivery.signatureValid()).isTrue();
            events.add(JSON.readTree(delivery.body()));
        }
        return events;
    }

    private static List<LoggedAction> pushLog(TestService service, long serviceId) {
        return service.app().module(IpamModule.class).actionLog().find(new LogFilter("push", serviceId, null, null, null, null, null, 100));
    }
}
