package io.routerbridge.lifecycle;

import static io.routerbridge.lifecycle.LifecycleFixture.params;

import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §7 bulk bar: suspend 10,000 PPP users on one router answering every sentence 10 ms late. The bulk path is a
 * whole-router reconcile after the suspensions were recorded (what a router that was down meets on its return, and
 * what `reconcile --router` does); the baseline is SuspendAccount one service at a time over signed HTTP, as WHMCS's
 * cron calls it, timed on 50 services in the same run. Reports figures; never fails on a slow machine.
 */
@Tag("benchmark")
class BulkSuspendBenchmark {
    private static final int SUBSCRIBERS = 10_000;
    private static final int ONE_BY_ONE = 50;
    private static final int LATENCY_MS = 10;
    private static final long FIRST = 100_000;

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void suspendTenThousandPppUsersOnOneRouter() {
        LifecycleFixture fixture = new LifecycleFixture(db);
        try (RouterOsEmulator router = LifecycleFixture.emulator()) {
            router.state().add("/ppp/profile", Map.of("name", "disconnect"));
            Map<String, Object> template = pppoe(FIRST, router);
            fixture.hostingRow(FIRST, 71, 7);
            fixture.success("CreateAccount", template);
            var lifecycle = fixture.service.app().module(LifecycleModule.class).lifecycle();
            int routerId = lifecycle.require(FIRST).routerId();
            fixture.clonePppoeSubscribers(FIRST, SUBSCRIBERS - 1);

            long t0 = System.nanoTime();
            lifecycle.reconcile(routerId, false);
            double provisionSeconds = (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < SUBSCRIBERS; i++) {
                router.connectPppClient("sub" + (FIRST + i), "pppoe", "100.127." + (i >> 8) + "." + (i & 255),
                        String.format("AA:BB:CC:%02X:%02X:%02X", i >> 16 & 255, i >> 8 & 255, i & 255));
            }
            router.faults().latencyMs(LATENCY_MS);

            // baseline: SuspendAccount per service over signed HTTP, as WHMCS calls it
            router.resetStats();
            t0 = System.nanoTime();
            for (int i = 1; i <= ONE_BY_ONE; i++) {
                Map<String, Object> p = pppoe(FIRST + i, router);
                fixture.success("SuspendAccount", p);
            }
            double perService = (System.nanoTime() - t0) / 1e9 / ONE_BY_ONE;
            long oneByOneTrips = router.stats().total().roundTrips() / ONE_BY_ONE;

            db.execute("UPDATE mod_routerbridge_service SET desired_status = 'SUSPENDED', last_outcome = 'PENDING'"
                    + " WHERE router_id = " + routerId);
            router.resetStats();
            t0 = System.nanoTime();
            lifecycle.reconcile(routerId, false);
            double bulkSeconds = (System.nanoTime() - t0) / 1e9;
            long bulkTrips = router.stats().total().roundTrips();

            List<Map<String, String>> secrets = router.state().rows("/ppp/secret");
            long disabled = secrets.stream().filter(row -> "true".equals(row.get("disabled"))
                    && "disconnect".equals(row.get("profile"))).count();
            long stillOnline = router.state().rows("/ppp/active").size();
            if (disabled != SUBSCRIBERS || stillOnline != 0) {
                throw new AssertionError("bulk suspend left " + (SUBSCRIBERS - disabled) + " secrets enabled and "
                        + stillOnline + " sessions online");
            }
            double oneByOneSeconds = perService * SUBSCRIBERS;
            bench("provision " + SUBSCRIBERS + " pppoe subscribers by one reconcile, 0 ms latency",
                    String.format("%.2f s", provisionSeconds), "-", "-");
            bench("suspend " + SUBSCRIBERS + " PPP users (disable + kick), " + LATENCY_MS
                            + " ms latency, one reconcile (target ≤ 5 s; " + bulkTrips + " round trips)",
                    String.format("%.2f s", bulkSeconds),
                    String.format("%.0f s one SuspendAccount at a time (%.1f ms × %d, %d round trips each)",
                            oneByOneSeconds, perService * 1000, SUBSCRIBERS, oneByOneTrips),
                    String.format("%.1fx", oneByOneSeconds / bulkSeconds));
        } finally {
            fixture.close();
        }
    }

    private static Map<String, Object> pppoe(long serviceId, RouterOsEmulator router) {
        Map<String, Object> p = params(serviceId, 71, 7, router);
        p.put("configoption1", "pppoe");
        p.put("username", "sub" + serviceId);
        p.put("password", "pw-bulk-secret");
        return p;
    }

    private static void bench(String name, String figure, String baseline, String ratio) {
        System.out.println("BENCH | " + name + " | " + figure + " | " + baseline + " | " + ratio);
    }
}
