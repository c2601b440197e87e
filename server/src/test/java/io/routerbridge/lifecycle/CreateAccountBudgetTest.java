package io.routerbridge.lifecycle;

import static io.routerbridge.lifecycle.LifecycleFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.testsupport.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Statement budget of a vpn-nat order (PreModuleCreate, then CreateAccount), read from MariaDB's own counters:
 * a change that adds queries to the hot path fails here instead of slowly eating the latency bar. The counters are
 * server-wide, so this relies on nothing else using the test server meanwhile (tests run one class at a time).
 */
class CreateAccountBudgetTest {
    /** Today's figure is 53 (both signed requests, their nonces, two allocations, the service row, tblhosting). */
    static final int STATEMENT_BUDGET = 55;

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static LifecycleFixture fixture;
    private static RouterOsEmulator router;

    @BeforeAll
    static void start() {
        fixture = new LifecycleFixture(db);
        router = LifecycleFixture.emulator();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (router != null) {
            router.close();
        }
    }

    @Test
    void aVpnNatOrderStaysWithinItsStatementBudget() {
        fixture.vpnNatPools("budget", "203.0.113.0/24", "10.64.0.0/16", 11);
        for (int service = 300; service < 304; service++) {
            fixture.hostingRow(service, 11, 1);
        }
        order(300); // warm: router row, connection pool, prepared caches
        for (int service = 301; service < 304; service++) {
            long before = statements();
            order(service);
            // minus the one counter read this measurement adds itself
            long used = statements() - before - 1;
            assertThat(used).as("statements for service " + service).isBetween(20L, (long) STATEMENT_BUDGET);
        }
        assertThat(fixture.dedicatedIp(303)).startsWith("203.0.113.");
    }

    private static void order(long serviceId) {
        Map<String, Object> params = params(serviceId, 11, 1, router);
        assertThat(fixture.service.callHook("PreModuleCreate", Map.of("params", params)).statusCode()).isEqualTo(200);
        fixture.success("CreateAccount", params);
    }

    private static long statements() {
        return Long.parseLong(db.dsl().fetch("SHOW GLOBAL STATUS LIKE 'Questions'").get(0).get(1).toString());
    }
}
