package io.routerbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.config.Environment;
import io.routerbridge.config.Secret;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.crypto.RequestSigner;
import io.routerbridge.testsupport.LogCapture;
import io.routerbridge.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code serve} configured only by environment variables, on a WHMCS database without our tables yet. */
class ServeCommandTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase().withoutMigrations();

    @Test
    void servesSignedRequestsAfterMigratingAndLogsNoSecret() throws Exception {
        String secret = "serve-test-shared-secret-0123456789abcdef";
        String masterKey = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("RB_HTTP_PORT", "0");
        env.put("RB_SHARED_SECRET", secret);
        env.put("RB_MASTER_KEY", masterKey);

        try (LogCapture logs = LogCapture.start();
             ServeCommand.RunningService service = ServeCommand.start(ServiceConfig.fromEnvironment(new Environment(env)))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + service.port();

            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(db.tables()).contains("mod_routerbridge_schema_history", "mod_routerbridge_router");

            String path = "/whmcs/v1/module/NoSuchFunction";
            byte[] body = "{\"serverpassword\":\"router-pw-serve\"}".getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder signed = HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            new RequestSigner(new Secret(secret)).headersFor("POST", path, body, Instant.now())
                    .forEach(signed::header);
            HttpResponse<String> answer = client.send(signed.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as("signature accepted, then no such function").isEqualTo(404);
            assertThat(answer.body()).contains("unknown module function 'NoSuchFunction'");
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("routerbridge listening on 127.0.0.1:"));
            // (the test database password, "routerbridge", is also in every logger name, so it cannot be checked here)
            logs.assertNoLineContains(secret, masterKey, "router-pw-serve");
        }
    }
}
