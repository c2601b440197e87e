package io.routerbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.Main;
import io.routerbridge.config.Environment;
import io.routerbridge.testsupport.LogCapture;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code create-api-key} and {@code revoke-api-key} end to end: command line, database, HTTP service. */
class CreateApiKeyCommandTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase().withoutMigrations();

    @Test
    void createdKeyIsPrintedOnceAndOpensTheApiUntilRevoked() {
        Run created;
        try (LogCapture logs = LogCapture.start()) {
            created = run("create-api-key", "--name", "billing sync");
            assertThat(created.code).as(created.err).isZero();
            String key = created.lastLine();
            assertThat(key).matches("rbk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
            assertThat(created.out.lines().filter(line -> line.contains(key.substring(21))).count()).isEqualTo(1);
            assertThat(created.out).contains("billing sync", key.substring(4, 20));

            try (TestService service = TestService.start(db)) {
                Map<String, String> auth = Map.of("Authorization", "Bearer " + key);
                assertThat(service.send("GET", "/api/v1/subnets", null, auth).statusCode()).isEqualTo(200);

                Run revoked = run("revoke-api-key", "--id", key.substring(4, 20));
                assertThat(revoked.code).as(revoked.err).isZero();
                assertThat(revoked.out).contains("revoked");
            }
            try (TestService restarted = TestService.start(db)) {
                assertThat(restarted.send("GET", "/api/v1/subnets", null, Map.of("Authorization", "Bearer " + key))
                        .statusCode()).isEqualTo(401);
            }
            logs.assertNoLineContains(key, key.substring(21));
        }
        assertThat(db.dsl().fetchValue("SELECT COUNT(*) FROM mod_routerbridge_api_key WHERE name = 'billing sync'"
                + " AND revoked_at IS NOT NULL AND secret_hash LIKE '$2a$10$%'")).hasToString("1");
    }

    @Test
    void twoKeysDiffer() {
        String first = run("create-api-key", "--name", "a").lastLine();
        String second = run("create-api-key", "--name", "a").lastLine();
        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(4, 20)).isNotEqualTo(second.substring(4, 20));
    }

    @Test
    void badArgumentsFailWithUsageAndCreateNothing() {
        for (List<String> args : List.of(List.of("create-api-key"), List.of("create-api-key", "--name"),
                List.of("create-api-key", "--nam", "x"), List.of("create-api-key", "--name", " "))) {
            Run run = run(args.toArray(String[]::new));
            assertThat(run.code).as(String.join(" ", args)).isNotZero();
            assertThat(run.err).contains("create-api-key --name N");
            assertThat(run.out).doesNotContain("rbk_");
        }
        assertThat(run("create-api-key", "--name", "other").code).isZero();
        Run unknown = run("revoke-api-key", "--id", "0000000000000000");
        assertThat(unknown.code).isEqualTo(1);
        assertThat(unknown.out).contains("no active API key");
    }

    @Test
    void usageListsTheCommand() {
        Run run = run("help");
        assertThat(run.err).contains("create-api-key --name N", "revoke-api-key --id KEYID");
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new Environment(db.environment()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }
}
