package io.routerbridge.announcements;

import static io.routerbridge.announcements.MikroTikFixture.ADDRESS_LIST;
import static io.routerbridge.announcements.MikroTikFixture.IP_ADDRESS;
import static io.routerbridge.announcements.MikroTikFixture.knownRouter;
import static io.routerbridge.announcements.MikroTikFixture.ours;
import static io.routerbridge.announcements.MikroTikFixture.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.api.ApiTestClient;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.fleet.Router;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.ReservationRules;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.integration.IntegrationException;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MikroTik integration through the real service, MariaDB and the RouterOS emulator over TCP. */
class MikroTikIntegrationTest {
    private static final int SERVER = 7;
    private static final String LIST = MikroTikSettings.DEFAULT_ADDRESS_LIST;

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @Test
    void afterModuleCreateListsTheAddressOnceAndARepeatOnlyReads() {
        try (TestService service = TestService.start(db); RouterOsEmulator router = MikroTikFixture.emulator()) {
            knownRouter(service, SERVER, router);
            service(db, 41, 9, "proxmox");
            Assignment held = new IpAllocator(new AllocationRepository(db.dsl())).allocate(addressPool("192.0.2.0/24"), 41);
            integration(service).configure(new MikroTikSettings(true, SERVER, null, null));

            HttpResponse<String> pushed = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41)));

            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            assertThat(ours(router, ADDRESS_LIST, 41)).singleElement().satisfies(row -> {
                assertThat(row.get("list")).isEqualTo(LIST);
                assertThat(row.get("address")).isEqualTo(held.address());
                assertThat(row.get("comment")).isEqualTo("rb:ipam-41:listed:" + held.address());
            });

            router.resetStats();
            integration(service).addIp(held);
            assertThat(ours(router, ADDRESS_LIST, 41)).hasSize(1);
            assertThat(router.stats().total().roundTrips()).as("a converged entry is only read").isEqualTo(1);
            assertThat(router.state().rows(ADDRESS_LIST)).hasSize(1);

            db.execute("UPDATE tblhosting SET domainstatus = 'Terminated' WHERE id = 41");
            HttpResponse<String> released = ApiTestClient.withNewKey(service).post("/api/v1/orphans/release",
                    Map.of("all", true));
            assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
            assertThat(released.body()).contains(held.address());
            assertThat(router.state().rows(ADDRESS_LIST)).as("the orphan release took it away").isEmpty();
        }
    }

    @Test
    void aRoutedBlockGetsItsGatewayOnTheInterfaceAndARemovalTakesOnlyOurs() {
        try (TestService service = TestService.start(db); RouterOsEmulator router = MikroTikFixture.emulator()) {
            knownRouter(service, SERVER, router);
            service(db, 52, 9, "proxmox");
            var subnet = new SubnetService(new SubnetRepository(db.dsl())).create(new NewSubnet("198.51.100.0/24", null, null,
                    java.util.List.of(), ReservationRules.NONE, null));
            Pool blocks = new PoolService(new PoolRepository(db.dsl())).create(NewPool.prefixes("routed", subnet.id(), 29));
            Assignment block = new IpAllocator(new AllocationRepository(db.dsl())).allocatePrefix(blocks.id(), 52, 29);
            integration(service).configure(new MikroTikSettings(true, SERVER, "customers", "ether2"));
            router.state().add(ADDRESS_LIST, Map.of("list", "customers", "address", "203.0.113.9",
                    "comment", "operator's own entry"));
            router.state().add(ADDRESS_LIST, Map.of("list", "customers", "address", "203.0.113.10"));

            integration(service).addIp(block);

            String gateway = "198.51.100.1/29";
            assertThat(block.address()).isEqualTo("198.51.100.0/29");
            assertThat(ours(router, ADDRESS_LIST, 52)).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("list", "customers")
                            .containsEntry("address", "198.51.100.0/29"));
            assertThat(ours(router, IP_ADDRESS, 52)).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("address", gateway)
                            .containsEntry("interface", "ether2")
                            .containsEntry("comment", "rb:ipam-52:gateway:198.51.100.0%2F29"));

            integration(service).removeIp(block);
            assertThat(ours(router, ADDRESS_LIST, 52)).isEmpty();
            assertThat(ours(router, IP_ADDRESS, 52)).isEmpty();
            assertThat(router.state().rows(ADDRESS_LIST)).extracting(row -> row.get("address"))
                    .containsExactlyInAnyOrder("203.0.113.9", "203.0.113.10");

            router.resetStats();
            integration(service).removeIp(block);
            assertThat(router.stats().total().roundTrips()).as("nothing recorded, nothing to ask").isZero();
        }
    }

    @Test
    void aReusedAddressWithAStaleRecordAndAMoveToAnotherRouterEachLeaveOneEntry() {
        try (TestService service = TestService.start(db); RouterOsEmulator first = MikroTikFixture.emulator();
             RouterOsEmulator second = MikroTikFixture.emulator()) {
            knownRouter(service, SERVER, first);
            knownRouter(service, SERVER + 1, second);
            service(db, 91, 9, "proxmox");
            service(db, 92, 9, "proxmox");
            int pool = addressPool("192.0.2.0/24");
            IpAllocator allocator = new IpAllocator(new AllocationRepository(db.dsl()));
            MikroTikIntegration integration = integration(service);
            integration.configure(new MikroTikSettings(true, SERVER, null, null));
            Assignment before = allocator.allocate(pool, 91);
            integration.addIp(before);
            allocator.release(91);

            Assignment reused = allocator.allocate(pool, 92);
            assertThat(reused.address()).as("first fit hands the address out again").isEqualTo(before.address());
            integration.addIp(reused);
            assertThat(first.state().rows(ADDRESS_LIST)).singleElement()
                    .satisfies(row -> assertThat(row.get("comment")).startsWith("rb:ipam-92:listed:"));

            integration.configure(new MikroTikSettings(true, SERVER + 1, "moved", null));
            integration.addIp(reused);
            assertThat(first.state().rows(ADDRESS_LIST)).isEmpty();
            assertThat(ours(second, ADDRESS_LIST, 92)).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("list", "moved"));
        }
    }

    @Test
    void anEntryOfTheOperatorHoldingTheSameAddressIsAConflictNeverOverwritten() {
        try (TestService service = TestService.start(db); RouterOsEmulator router = MikroTikFixture.emulator()) {
            knownRouter(service, SERVER, router);
            service(db, 95, 9, "proxmox");
            Assignment held = new IpAllocator(new AllocationRepository(db.dsl())).allocate(addressPool("192.0.2.0/24"), 95);
            integration(service).configure(new MikroTikSettings(true, SERVER, null, null));
            router.state().add(ADDRESS_LIST, Map.of("list", LIST, "address", held.address(), "comment", "by hand"));

            assertThatThrownBy(() -> integration(service).addIp(held))
                    .isInstanceOf(IntegrationException.class)
                    .hasMessageContaining("refused: /ip/firewall/address-list")
                    .hasMessageContaining("does not own");
            assertThat(router.state().rows(ADDRESS_LIST)).singleElement()
                    .satisfies(row -> assertThat(row.get("comment")).isEqualTo("by hand"));
        }
    }

    @Test
    void servicesOfRouterbridgeProductsAndDisabledSettingsLeaveTheRouterAlone() {
        try (TestService service = TestService.start(db); RouterOsEmulator router = MikroTikFixture.emulator()) {
            knownRouter(service, SERVER, router);
            service(db, 61, 3, "routerbridge");
            service(db, 62, 9, "cpanel");
            int pool = addressPool("192.0.2.0/24");
            Assignment own = new IpAllocator(new AllocationRepository(db.dsl())).allocate(pool, 61);
            Assignment hosted = new IpAllocator(new AllocationRepository(db.dsl())).allocate(pool, 62);
            MikroTikIntegration integration = integration(service);
            integration.configure(new MikroTikSettings(true, SERVER, null, "ether2"));

            router.resetStats();
            integration.addIp(own);
            assertThat(router.state().rows(ADDRESS_LIST)).isEmpty();
            assertThat(router.stats().total().roundTrips()).isZero();

            integration.addIp(hosted);
            assertThat(ours(router, ADDRESS_LIST, 62)).hasSize(1);

            integration.configure(new MikroTikSettings(false, SERVER, null, null));
            router.resetStats();
            integration.addIp(new IpAllocator(new AllocationRepository(db.dsl())).allocate(addressPool("198.51.100.0/24"), 62));
            assertThat(router.stats().total().roundTrips()).as("disabled: no router contact").isZero();
            assertThat(ours(router, ADDRESS_LIST, 62)).hasSize(1);

            integration.removeIp(hosted);
            assertThat(ours(router, ADDRESS_LIST, 62)).as("what was announced is still taken away").isEmpty();
        }
    }

    @Test
    void aRouterThatIsDownOrRefusesTheLoginFailsWithAClearMessageAndTheIntentStaysRecorded() {
        try (TestService service = TestService.start(db)) {
            service(db, 71, 9, "proxmox");
            Assignment first = new IpAllocator(new AllocationRepository(db.dsl())).allocate(addressPool("192.0.2.0/24"), 71);
            Assignment second = new IpAllocator(new AllocationRepository(db.dsl())).allocate(addressPool("198.51.100.0/24"), 71);
            Router known;
            try (RouterOsEmulator refusing = MikroTikFixture.emulator()) {
                known = knownRouter(service, SERVER, refusing);
                integration(service).configure(new MikroTikSettings(true, SERVER, null, null));
                refusing.faults().refuseLogins(true);
                assertThatThrownBy(() -> integration(service).addIp(first))
                        .isInstanceOf(IntegrationException.class)
                        .hasMessageStartingWith("mikrotik: router " + known.id() + " (127.0.0.1:" + refusing.apiPort()
                                + ") refused routerbridge's login")
                        .hasMessageContaining("retried in the background")
                        .hasMessageContaining("reconcile of router " + known.id());
                assertThat(refusing.state().rows(ADDRESS_LIST)).isEmpty();

                refusing.faults().refuseLogins(false);
                assertThat(integration(service).retryDue(Instant.now())).as("not before its retry time").isZero();
                assertThat(integration(service).retryDue(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(1);
                assertThat(ours(refusing, ADDRESS_LIST, 71)).singleElement()
                        .satisfies(row -> assertThat(row.get("address")).isEqualTo(first.address()));
                assertThat(integration(service).retryDue(Instant.now().plus(Duration.ofHours(1))))
                        .as("converged, nothing left to retry").isZero();
            }
            assertThatThrownBy(() -> integration(service).addIp(second))
                    .isInstanceOf(IntegrationException.class)
                    .hasMessageStartingWith("mikrotik: router " + known.id() + " (127.0.0.1:")
                    .hasMessageContaining("is unreachable");
            assertThat(integration(service).specsOn(known.id())).singleElement()
                    .satisfies(spec -> assertThat(spec.objects()).hasSize(2));
        }
    }

    @Test
    void ipv6IsRefusedWithAClearMessageAndNotRecorded() {
        try (TestService service = TestService.start(db); RouterOsEmulator router = MikroTikFixture.emulator()) {
            Router known = knownRouter(service, SERVER, router);
            service(db, 81, 9, "proxmox");
            Assignment v6 = new IpAllocator(new AllocationRepository(db.dsl())).allocate(addressPool("2001:db8:5::/64"), 81);
            integration(service).configure(new MikroTikSettings(true, SERVER, null, null));

            assertThatThrownBy(() -> integration(service).addIp(v6))
                    .isInstanceOf(IntegrationException.class)
                    .hasMessageContaining("is IPv6").hasMessageContaining("IPv4 addresses and blocks only");
            assertThat(integration(service).specsOn(known.id())).isEmpty();
        }
    }

    private int addressPool(String cidr) {
        var subnet = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of(cidr));
        return (int) new PoolService(new PoolRepository(db.dsl())).create(NewPool.addresses("pool " + cidr, subnet.id())).id();
    }

    private static MikroTikIntegration integration(TestService service) {
        return service.app().module(AnnouncementsModule.class).mikroTik();
    }
}
