package io.routerbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.testsupport.LogCapture;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authorization: Bearer on /api/v1, against the real service and MariaDB. */
class ApiAuthenticationTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(db);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void validKeyIsAccepted() {
        ApiTestClient client = ApiTestClient.withNewKey(service);

        HttpResponse<String> answer = client.get("/api/v1/subnets");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(client.json(answer).isArray()).isTrue();
        String keyId = client.key().substring(4, 20);
        assertThat(db.dsl().fetchValue("SELECT last_used_at FROM mod_routerbridge_api_key WHERE key_id = ?", keyId))
                .isNotNull();
    }

    @Test
    void missingKeyIs401WithError() {
        HttpResponse<String> answer = service.get("/api/v1/subnets");

        assertUnauthorized(answer, "missing Authorization");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void everyRouteNeedsTheKey() {
        for (String[] route : List.of(new String[] {"GET", "/api/v1/pools"}, new String[] {"POST", "/api/v1/subnets"},
                new String[] {"DELETE", "/api/v1/pools/1"}, new String[] {"GET", "/api/v1/assignments/1"},
                new String[] {"GET", "/api/v1/no-such-route"})) {
            assertUnauthorized(service.send(route[0], route[1], route[0].equals("POST") ? "{}" : null, Map.of()), "");
        }
    }

    @Test
    void wrongKeysAre401() {
        String valid = ApiTestClient.withNewKey(service).key();
        String wrongSecret = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        String unknownId = "rbk_0000000000000000" + valid.substring(20);

        for (String header : List.of("Bearer " + wrongSecret, "Bearer " + unknownId, "Bearer nonsense", "Bearer ",
                "Basic " + valid, valid, "Bearer " + valid + "x", "Bearer " + valid.toUpperCase())) {
            assertUnauthorized(service.send("GET", "/api/v1/subnets", null, Map.of("Authorization", header)), "");
        }
        // The valid key still works afterwards on the same connection: failures do not poison the cache, and
        // Jetty's header cache does not hand back the upper-case variant sent just before.
        HttpResponse<String> stillValid = service.send("GET", "/api/v1/subnets", null,
                Map.of("Authorization", "Bearer " + valid));
        assertThat(stillValid.statusCode()).as(stillValid.body()).isEqualTo(200);
    }

    @Test
    void revokedKeyIs401AtOnce() {
        ApiTestClient client = ApiTestClient.withNewKey(service);
        assertThat(client.get("/api/v1/pools").statusCode()).isEqualTo(200);

        assertThat(service.app().module(ApiKeysModule.class).apiKeys().revoke(client.key().substring(4, 20))).isTrue();

        assertUnauthorized(client.get("/api/v1/pools"), "revoked");
    }

    @Test
    void schemeIsCaseInsensitive() {
        String key = ApiTestClient.withNewKey(service).key();
        assertThat(service.send("GET", "/api/v1/pools", null, Map.of("Authorization", "bearer " + key)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void openApiDocumentNeedsNoKey() {
        HttpResponse<String> answer = service.get("/api/v1/openapi.json");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(service.json(answer).path("openapi").asText()).startsWith("3.");
    }

    @Test
    void noKeyAppearsInAnyLogLine() {
        String key;
        try (LogCapture logs = LogCapture.start()) {
            key = service.app().module(ApiKeysModule.class).apiKeys().create("logged").text();
            String wrong = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
            // Headers, bodies and paths: the request log names route templates, never concrete paths.
            for (String header : List.of("Bearer " + key, "Bearer " + wrong, "Bearer " + key + "/../x", key)) {
                service.send("GET", "/api/v1/subnets", null, Map.of("Authorization", header));
                service.send("POST", "/api/v1/subnets", "{\"cidr\": \"" + key + "\"}", Map.of("Authorization", header));
                service.send("GET", "/api/v1/subnets/" + key, null, Map.of("Authorization", header));
            }
            service.app().module(ApiKeysModule.class).apiKeys().revoke(key.substring(4, 20));
            service.send("GET", "/api/v1/subnets", null, Map.of("Authorization", "Bearer " + key));

            assertThat(logs.lines()).isNotNull();
            logs.assertNoLineContains(key, key.substring(21), wrong.substring(21));
        }
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("mod_routerbridge_api_key")
                .where("secret_hash LIKE ?", "%" + key.substring(21) + "%"))).isZero();
    }

    private static void assertUnauthorized(HttpResponse<String> answer, String messagePart) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        JsonNode body = service.json(answer);
        assertThat(body.path("error").asText()).isNotBlank().contains(messagePart);
    }
}
