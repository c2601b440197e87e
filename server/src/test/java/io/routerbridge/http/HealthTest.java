package io.routerbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase().withoutMigrations();

    @Test
    void notReadyUntilMigrationsAreAppliedThenReadyThenNotReadyWithoutDatabase() {
        try (TestService service = TestService.start(db)) {
            HttpResponse<String> pending = service.get("/health/ready");
            assertThat(pending.statusCode()).isEqualTo(503);
            assertThat(service.json(pending).get("error").asText()).contains("migration(s) pending");

            service.app().migrations().migrate();
            HttpResponse<String> ready = service.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(service.json(ready).get("status").asText()).isEqualTo("ready");
            assertThat(service.get("/whmcs/v1/module/CreateAccount").statusCode())
                    .as("health needs no signature, the channel does").isEqualTo(401);

            db.dataSource().close();
            HttpResponse<String> down = service.get("/health/ready");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(service.json(down).get("error").asText()).startsWith("database unreachable");
        }
    }
}
