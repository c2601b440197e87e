package io.routerbridge.lifecycle;

import static io.routerbridge.announcements.MikroTikFixture.ADDRESS_LIST;
import static io.routerbridge.announcements.MikroTikFixture.IP_ADDRESS;
import static io.routerbridge.announcements.MikroTikFixture.ours;
import static io.routerbridge.lifecycle.LifecycleFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.announcements.AnnouncementsModule;
import io.routerbridge.announcements.MikroTikFixture;
import io.routerbridge.announcements.MikroTikIntegration;
import io.routerbridge.announcements.MikroTikSettings;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.fleet.FleetModule;
import io.routerbridge.fleet.Router;
import io.routerbridge.fleet.RouterAccess;
import io.routerbridge.fleet.RouterSessionPort;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.ReservationRules;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.provisioning.Converger;
import io.routerbridge.provisioning.DesiredState;
import io.routerbridge.provisioning.Drift;
import io.routerbridge.routeros.ClientOptions;
import io.routerbridge.routeros.RouterClients;
import io.routerbridge.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A router carrying a routerbridge service and the MikroTik integration's announcements: the whole-router desired
 * state includes the announcements, so drift does not call them extra and reconcile keeps (and repairs) them.
 */
class WholeRouterWithIntegrationTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void driftAndReconcileKeepWhatTheIntegrationAnnounced() {
        LifecycleFixture fixture = new LifecycleFixture(db);
        try (RouterOsEmulator router = LifecycleFixture.emulator();
             RouterClients clients = new RouterClients(ClientOptions.defaults())) {
            fixture.vpnNatPools("whole", "203.0.113.16/28", "10.66.0.0/16", 51);
            MikroTikFixture.service(db, 0, 51, "routerbridge");
            db.execute("DELETE FROM tblhosting WHERE id = 0");
            fixture.hostingRow(501, 51, 5);
            fixture.success("CreateAccount", params(501, 51, 5, router));
            ServiceLifecycle lifecycle = fixture.service.app().module(LifecycleModule.class).lifecycle();
            MikroTikIntegration integration = fixture.service.app().module(AnnouncementsModule.class).mikroTik();
            int routerId = lifecycle.require(501).routerId();
            integration.configure(new MikroTikSettings(true, 5, null, "ether2"));

            HttpResponse<String> own = fixture.service.callHook("AfterModuleCreate",
                    Map.of("params", Map.of("serviceid", 501)));
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            assertThat(ours(router, ADDRESS_LIST, 501)).as("routerbridge's own service is left to the lifecycle")
                    .isEmpty();

            MikroTikFixture.service(db, 601, 9, "proxmox");
            var routed = new SubnetService(new SubnetRepository(db.dsl())).create(new NewSubnet("198.51.100.0/24", null, null, List.of(),
                    ReservationRules.NONE, null));
            Assignment block = new IpAllocator(new AllocationRepository(db.dsl())).allocatePrefix(
                    new PoolService(new PoolRepository(db.dsl())).create(NewPool.prefixes("routed", routed.id(), 29)).id(), 601, 29);
            var singles = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("192.0.2.0/24"));
            Assignment single = new IpAllocator(new AllocationRepository(db.dsl())).allocate(
                    new PoolService(new PoolRepository(db.dsl())).create(NewPool.addresses("vps", singles.id())).id(), 601);
            integration.addIp(block);
            integration.addIp(single);
            assertThat(ours(router, ADDRESS_LIST, 601)).hasSize(2);
            assertThat(ours(router, IP_ADDRESS, 601)).hasSize(1);

            Router known = fixture.service.app().module(FleetModule.class).registry().find(routerId).orElseThrow();
            Converger converger = new Converger(new RouterSessionPort(clients.session(RouterAccess.endpoint(known))));
            assertThat(converger.drift(DesiredState.wholeRouter(List.of())).extra())
                    .as("without the integration's part they would be extra").hasSizeGreaterThanOrEqualTo(3);
            Drift drift = converger.drift(lifecycle.wholeRouter(routerId));
            assertThat(drift.isClean()).as(drift.toString()).isTrue();
            assertThat(lifecycle.reconcile(routerId, true)).isEmpty();

            router.state().remove(ADDRESS_LIST, ours(router, ADDRESS_LIST, 601).get(0).get(".id"));
            assertThat(lifecycle.reconcile(routerId, true)).singleElement()
                    .satisfies(line -> assertThat(line).startsWith(ADDRESS_LIST + "/add").contains("rb:ipam-601:"));
            lifecycle.reconcile(routerId, false);
            assertThat(ours(router, ADDRESS_LIST, 601)).hasSize(2);
            assertThat(ours(router, IP_ADDRESS, 601)).hasSize(1);
            assertThat(LifecycleFixture.ownedCount(router, 501)).isPositive();

            integration.removeIp(block);
            assertThat(ours(router, ADDRESS_LIST, 601)).singleElement()
                    .satisfies(row -> assertThat(row.get("address")).isEqualTo(single.address()));
            assertThat(ours(router, IP_ADDRESS, 601)).isEmpty();
            assertThat(lifecycle.reconcile(routerId, true)).as("a released block is not put back").isEmpty();
        } finally {
            fixture.close();
        }
    }
}
