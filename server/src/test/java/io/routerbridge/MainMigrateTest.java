package io.routerbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.config.Environment;
import io.routerbridge.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Main migrate} against a real WHMCS database that holds WHMCS tables but none of ours. */
class MainMigrateTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase().withoutMigrations();

    @Test
    void migrateCreatesOurTablesOnceAndLeavesWhmcsTablesAlone() {
        List<String> whmcsTablesBefore = whmcsTables();
        String tblhostingBefore = createStatement("tblhosting");

        Run first = run("migrate");
        Run second = run("migrate");

        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out).startsWith("routerbridge: ").contains("migration(s) applied");
        assertThat(first.out).doesNotStartWith("routerbridge: 0 migration(s)");
        assertThat(second.code).isZero();
        assertThat(second.out).startsWith("routerbridge: 0 migration(s) applied");
        assertThat(db.tables()).contains("mod_routerbridge_schema_history", "mod_routerbridge_request_nonce");
        assertThat(db.tables()).allMatch(t -> t.startsWith("tbl") || t.startsWith("mod_routerbridge_"));
        assertThat(whmcsTables()).isEqualTo(whmcsTablesBefore);
        assertThat(createStatement("tblhosting")).isEqualTo(tblhostingBefore);
        assertThat(db.dsl().fetchValue(
                "SELECT COUNT(*) FROM mod_routerbridge_schema_history WHERE success = 1 AND version = '1'"))
                .hasToString("1");
    }

    @Test
    void missingDatabaseSettingStopsWithOneLineNamingIt() {
        Map<String, String> env = new HashMap<>(db.environment());
        env.remove("RB_DB_USER");

        Run run = run(env, "migrate");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.lines()).containsExactly("routerbridge: configuration error: RB_DB_USER is not set");
    }

    @Test
    void unreachableDatabaseFailsWithOneLineWithoutThePassword() {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("RB_DB_URL", "jdbc:mariadb://127.0.0.1:1/whmcs");
        env.put("RB_DB_PASSWORD", "pw-that-must-not-show");

        Run run = run(env, "migrate");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err.lines()).hasSize(1);
        assertThat(run.err).startsWith("routerbridge: migrate failed: ").doesNotContain("pw-that-must-not-show");
    }

    @Test
    void unknownCommandPrintsUsage() {
        Run run = run(Map.of(), "frobnicate");
        assertThat(run.code).isEqualTo(64);
        assertThat(run.err).contains("usage: routerbridge <command>", "serve", "migrate");
    }

    private static List<String> whmcsTables() {
        return db.tables().stream().filter(t -> t.startsWith("tbl")).toList();
    }

    private static String createStatement(String table) {
        return db.dsl().fetchOne("SHOW CREATE TABLE " + table).get(1, String.class);
    }

    private static Run run(String... args) {
        return run(db.environment(), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new Environment(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
