package io.routerbridge.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.fleet.Router;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1/integrations/mikrotik: settings validation naming the field, and the connection test. */
class MikroTikApiTest {
    private static final String PATH = "/api/v1/integrations/mikrotik";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @Test
    void settingsAreValidatedFieldByFieldAndTheTestReadsTheRouter() {
        try (TestService service = TestService.start(db); RouterOsEmulator router = MikroTikFixture.emulator()) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            assertThat(api.get(PATH).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", PATH + "/test", null).statusCode()).isEqualTo(404);
            Router known = MikroTikFixture.knownRouter(service, 7, router);

            assertRefused(api, "{\"addressList\":\"customers\"}", "router");
            assertRefused(api, "{\"router\":0}", "router");
            assertRefused(api, "{\"router\":99}", "router");
            assertRefused(api, "{\"router\":\"seven\"}", "router");
            assertRefused(api, "{\"router\":7,\"addressList\":\"two words\"}", "addressList");
            assertRefused(api, "{\"router\":7,\"addressList\":\"rb-suspended\"}", "addressList");
            assertRefused(api, "{\"router\":7,\"addressList\":\"" + "x".repeat(64) + "\"}", "addressList");
            assertRefused(api, "{\"router\":7,\"interface\":\"ether 2\"}", "interface");
            assertRefused(api, "{\"router\":7,\"interface\":\"ether2\\n=disabled=yes\"}", "interface");
            assertRefused(api, "{\"router\":7,\"gateway\":\"ether2\"}", "gateway");
            assertThat(api.get(PATH).statusCode()).as("nothing stored by refused requests").isEqualTo(404);

            HttpResponse<String> put = api.send("PUT", PATH, "{\"router\":7,\"interface\":\"ether2\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            JsonNode stored = api.json(api.get(PATH));
            assertThat(stored.path("enabled").asBoolean()).isTrue();
            assertThat(stored.path("router").asInt()).isEqualTo(7);
            assertThat(stored.path("routerId").asInt()).isEqualTo(known.id());
            assertThat(stored.path("routerAddress").asText()).isEqualTo("127.0.0.1:" + router.apiPort());
            assertThat(stored.path("addressList").asText()).isEqualTo(MikroTikSettings.DEFAULT_ADDRESS_LIST);
            assertThat(stored.path("interface").asText()).isEqualTo("ether2");

            HttpResponse<String> test = api.send("POST", PATH + "/test", null);
            assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
            assertThat(api.json(test).path("identity").asText()).isNotEmpty();
            assertThat(api.json(test).path("interfaceFound").asBoolean()).isTrue();

            api.send("PUT", PATH, "{\"router\":7,\"enabled\":false,\"addressList\":\"vps\",\"interface\":\"vlan900\"}");
            JsonNode changed = api.json(api.get(PATH));
            assertThat(changed.path("enabled").asBoolean()).isFalse();
            assertThat(changed.path("addressList").asText()).isEqualTo("vps");
            assertThat(api.json(api.send("POST", PATH + "/test", null)).path("interfaceFound").asBoolean()).isFalse();

            router.close();
            HttpResponse<String> down = api.send("POST", PATH + "/test", null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(api.json(down).path("error").asText())
                    .startsWith("mikrotik: router " + known.id() + " (127.0.0.1:" + router.apiPort() + ") is unreachable");
        }
    }

    private static void assertRefused(ApiTestClient api, String body, String field) {
        HttpResponse<String> answer = api.send("PUT", PATH, body);
        assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isEqualTo(400);
        assertThat(api.json(answer).path("field").asText()).as(body).isEqualTo(field);
        assertThat(api.json(answer).path("error").asText()).as(body).isNotBlank();
    }
}
