package io.routerbridge.lifecycle;

import static io.routerbridge.lifecycle.LifecycleFixture.params;

import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.testsupport.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WHMCS's daily cron suspends overdue services one SuspendAccount call each (BillingAutomationTest plays it through
 * the PHP module). Here: 1,000 such calls over signed HTTP against a router holding 10,000 online pppoe subscribers
 * and answering every sentence 10 ms late, against the same 1,000 calls on a router holding only those 1,000
 * (measured in the same run). Reports figures; never fails on a slow machine, only when a suspension did not hold.
 */
@Tag("benchmark")
class CronSuspensionBenchmark {
    private static final int BIG_ROUTER = 10_000;
    private static final int SUSPENDED = 1_000;
    private static final int LATENCY_MS = 10;

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void cronSuspendsAThousandSubscribersOneCallEach() {
        LifecycleFixture fixture = new LifecycleFixture(db);
        try (RouterOsEmulator big = LifecycleFixture.emulator(); RouterOsEmulator empty = LifecycleFixture.emulator()) {
            Run onBig = cronRun(fixture, big, 200_000, 7, BIG_ROUTER);
            Run onEmpty = cronRun(fixture, empty, 300_000, 8, SUSPENDED);
            bench(String.format("WHMCS cron: %d SuspendAccount calls, router with %d online pppoe subscribers, %d ms "
                            + "latency (total; %.1f round trips per call)", SUSPENDED, BIG_ROUTER, LATENCY_MS,
                            onBig.roundTripsPerCall),
                    String.format("%.1f s", onBig.seconds),
                    String.format("%.1f s on a router holding only the %d", onEmpty.seconds, SUSPENDED),
                    String.format("%.2fx", onBig.seconds / onEmpty.seconds));
            bench(String.format("WHMCS cron: one SuspendAccount on a %d-subscriber router, %d ms latency (per call)",
                            BIG_ROUTER, LATENCY_MS),
                    String.format("%.1f ms", onBig.seconds * 1000 / SUSPENDED),
                    String.format("%.1f ms on a router holding only the %d (%.1f round trips)",
                            onEmpty.seconds * 1000 / SUSPENDED, SUSPENDED, onEmpty.roundTripsPerCall),
                    String.format("%.2fx", onBig.seconds / onEmpty.seconds));
        } finally {
            fixture.close();
        }
    }

    private record Run(double seconds, double roundTripsPerCall) {
    }

    /** Provisions {@code subscribers} online pppoe subscribers, then suspends the first 1,000 one call each. */
    private static Run cronRun(LifecycleFixture fixture, RouterOsEmulator router, long first, int serverId,
                               int subscribers) {
        router.state().add("/ppp/profile", Map.of("name", "disconnect"));
        fixture.hostingRow(first, 71, serverId);
        fixture.success("CreateAccount", pppoe(first, serverId, router));
        ServiceLifecycle lifecycle = fixture.service.app().module(LifecycleModule.class).lifecycle();
        int routerId = lifecycle.require(first).routerId();
        fixture.clonePppoeSubscribers(first, subscribers - 1);
        lifecycle.reconcile(routerId, false);
        for (int i = 0; i < subscribers; i++) {
            router.connectPppClient("sub" + (first + i), "pppoe", "100.127." + (i >> 8) + "." + (i & 255),
                    String.format("AA:BB:CC:%02X:%02X:%02X", i >> 16 & 255, i >> 8 & 255, i & 255));
        }
        router.faults().latencyMs(LATENCY_MS);
        router.resetStats();
        long t0 = System.nanoTime();
        for (int i = 0; i < SUSPENDED; i++) {
            fixture.success("SuspendAccount", pppoe(first + i, serverId, router));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double trips = router.stats().total().roundTrips() / (double) SUSPENDED;
        long online = router.state().rows("/ppp/active").size();
        long disabled = router.state().rows("/ppp/secret").stream()
                .filter(row -> "true".equals(row.get("disabled"))).count();
        if (online != subscribers - SUSPENDED || disabled != SUSPENDED) {
            throw new AssertionError("after the cron: " + online + " online, " + disabled + " disabled");
        }
        return new Run(seconds, trips);
    }

    private static Map<String, Object> pppoe(long serviceId, int serverId, RouterOsEmulator router) {
        Map<String, Object> p = params(serviceId, 71, serverId, router);
        p.put("configoption1", "pppoe");
        p.put("username", "sub" + serviceId);
        p.put("password", "pw-cron-secret");
        return p;
    }

    private static void bench(String name, String figure, String baseline, String ratio) {
        System.out.println("BENCH | " + name + " | " + figure + " | " + baseline + " | " + ratio);
    }
}
