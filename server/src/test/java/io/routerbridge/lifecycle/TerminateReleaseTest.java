package io.routerbridge.lifecycle;

import static io.routerbridge.lifecycle.LifecycleFixture.ownedCount;
import static io.routerbridge.lifecycle.LifecycleFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.actionlog.LogFilter;
import io.routerbridge.ipam.actionlog.LoggedAction;
import io.routerbridge.ipam.integration.webhook.OperatorEndpoint;
import io.routerbridge.ipam.integration.webhook.WebhookSettings;
import io.routerbridge.testsupport.TestDatabase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TerminateAccount through the signed channel against the emulator: the addresses are released through IPAM's
 * release path, so the integrations hear of it (the webhook receives ip.released) and the action log records it.
 */
class TerminateReleaseTest {
    private static final String SECRET = "terminate-hook-secret-4e7a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @Test
    void terminateTellsTheIntegrationsOfEveryReleasedBlockOnce() throws IOException {
        LifecycleFixture fixture = new LifecycleFixture(db);
        try (RouterOsEmulator router = LifecycleFixture.emulator(); OperatorEndpoint endpoint = new OperatorEndpoint(SECRET)) {
            fixture.service.app().module(IpamModule.class).webhookIntegration().configure(WebhookSettings.of(endpoint.url(), SECRET));
            fixture.vpnNatPools("terminate", "203.0.113.64/28", "10.80.0.0/16", 21);
            fixture.hostingRow(701, 21, 2);
            Map<String, Object> p = params(701, 21, 2, router);
            fixture.success("CreateAccount", p);
            List<String> held = fixture.service.app().module(IpamModule.class).allocator().assignmentsOf(701).stream()
                    .map(Assignment::address).toList();
            assertThat(held).hasSize(2);
            assertThat(fixture.dedicatedIp(701)).isIn(held);
            int before = endpoint.deliveries().size();

            fixture.success("TerminateAccount", p);

            assertThat(ownedCount(router, 701)).isZero();
            assertThat(fixture.service.app().module(IpamModule.class).allocator().assignmentsOf(701)).isEmpty();
            assertThat(fixture.dedicatedIp(701)).isEmpty();
            assertThat(releasedSince(endpoint, before)).as("public IP and tenant prefix")
                    .containsExactlyInAnyOrderElementsOf(held);
            List<LoggedAction> logged = fixture.service.app().module(IpamModule.class).actionLog()
                    .find(new LogFilter("release", 701L, null, null, null, null, null, 10));
            assertThat(logged).extracting(LoggedAction::address).containsExactlyInAnyOrderElementsOf(held);
            assertThat(logged).allSatisfy(entry -> {
                assertThat(entry.actor()).isEqualTo(ServiceLifecycle.LIFECYCLE);
                assertThat(entry.detail()).startsWith("TerminateAccount").doesNotContain("integration failed");
            });

            int afterFirst = endpoint.deliveries().size();
            fixture.success("TerminateAccount", p);
            assertThat(endpoint.deliveries()).as("a repeated terminate releases nothing").hasSize(afterFirst);
            assertThat(fixture.service.callHook("AfterModuleTerminate", Map.of("params", Map.of("serviceid", 701,
                    "moduletype", "routerbridge"))).statusCode()).isEqualTo(200);
            assertThat(endpoint.deliveries()).hasSize(afterFirst);
        } finally {
            fixture.close();
        }
    }

    private static List<String> releasedSince(OperatorEndpoint endpoint, int index) throws IOException {
        List<String> released = new ArrayList<>();
        List<OperatorEndpoint.Delivery> deliveries = endpoint.deliveries();
        for (OperatorEndpoint.Delivery delivery : deliveries.subList(index, deliveries.size())) {
            JsonNode event = JSON.readTree(delivery.body());
            assertThat(delivery.signatureValid()).isTrue();
            assertThat(event.path("event").asText()).isEqualTo("ip.released");
            assertThat(event.path("serviceId").asLong()).isEqualTo(701);
            released.add(event.path("address").asText());
        }
        return released;
    }
}
