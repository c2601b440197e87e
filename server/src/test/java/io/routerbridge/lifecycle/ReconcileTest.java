package io.routerbridge.lifecycle;

import static io.routerbridge.lifecycle.LifecycleFixture.configuration;
import static io.routerbridge.lifecycle.LifecycleFixture.owned;
import static io.routerbridge.lifecycle.LifecycleFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** reconcile --router ID [--dry-run]: a whole router converges to the database, repairing drift and leftovers. */
class ReconcileTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void dryRunShowsThePlanAndApplyRepairsDriftWithoutTouchingOperatorObjects() {
        LifecycleFixture fixture = new LifecycleFixture(db);
        try (RouterOsEmulator router = LifecycleFixture.emulator()) {
            fixture.vpnNatPools("reconcile", "203.0.113.16/28", "10.66.0.0/16", 51);
            fixture.hostingRow(501, 51, 5);
            fixture.success("CreateAccount", params(501, 51, 5, router));
            var converged = configuration(router);
            int routerId = fixture.service.app().module(LifecycleModule.class).lifecycle().require(501).routerId();

            router.state().remove("/ip/firewall/nat", owned(router, "/ip/firewall/nat", 501).get(0).get(".id"));
            router.state().add("/ip/firewall/filter", Map.of("chain", "forward", "action", "drop",
                    "src-address", "10.66.9.0/29", "comment", "rb:999:isolate"));
            router.state().add("/ip/firewall/filter", Map.of("chain", "forward", "action", "drop",
                    "src-address", "10.66.10.0/29", "comment", "operator rule"));
            var drifted = configuration(router);

            List<String> plan = fixture.service.app().module(LifecycleModule.class).lifecycle().reconcile(routerId, true);
            assertThat(plan).anyMatch(line -> line.startsWith("/ip/firewall/nat/add") && line.contains("rb:501:srcnat"));
            assertThat(plan).anyMatch(line -> line.startsWith("/ip/firewall/filter/remove"));
            assertThat(configuration(router)).isEqualTo(drifted);

            fixture.service.app().module(LifecycleModule.class).lifecycle().reconcile(routerId, false);
            assertThat(owned(router, "/ip/firewall/nat", 501)).hasSize(1);
            assertThat(router.state().rows("/ip/firewall/filter"))
                    .noneMatch(row -> "rb:999:isolate".equals(row.get("comment")))
                    .anyMatch(row -> "operator rule".equals(row.get("comment")));
            assertThat(fixture.service.app().module(LifecycleModule.class).lifecycle().reconcile(routerId, true)).isEmpty();
            assertThat(configuration(router).get("/ip/firewall/filter").stream()
                    .filter(row -> row.getOrDefault("comment", "").startsWith("rb:501:")).toList())
                    .isEqualTo(converged.get("/ip/firewall/filter").stream()
                            .filter(row -> row.getOrDefault("comment", "").startsWith("rb:501:")).toList());
        } finally {
            fixture.close();
        }
    }

    @Test
    void oneReconcileConvergesOverAThousandPendingServicesAndRecordsEachApplied() {
        LifecycleFixture fixture = new LifecycleFixture(db);
        try (RouterOsEmulator router = LifecycleFixture.emulator()) {
            router.state().add("/ppp/profile", Map.of("name", "disconnect"));
            Map<String, Object> p = params(5100, 53, 53, router);
            p.put("configoption1", "pppoe");
            p.put("username", "sub5100");
            p.put("password", "pw-reconcile");
            fixture.hostingRow(5100, 53, 53);
            fixture.success("CreateAccount", p);
            var lifecycle = fixture.service.app().module(LifecycleModule.class).lifecycle();
            int routerId = lifecycle.require(5100).routerId();
            fixture.clonePppoeSubscribers(5100, 1004);

            lifecycle.reconcile(routerId, false);

            assertThat(router.state().rows("/ppp/secret")).hasSize(1005);
            assertThat(owned(router, "/ppp/secret", 6104)).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("name", "sub6104").containsEntry("disabled", "false"));
            assertThat(db.dsl().fetchValue("SELECT COUNT(*) FROM mod_routerbridge_service WHERE router_id = " + routerId
                    + " AND last_outcome = 'APPLIED' AND applied_at IS NOT NULL")).isEqualTo(1005L);
            assertThat(lifecycle.reconcile(routerId, true)).isEmpty();
        } finally {
            fixture.close();
        }
    }
}
