package io.routerbridge.ipam.netbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.ipam.AddressRange;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.integration.IntegrationException;
import io.routerbridge.testsupport.TestDatabase;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pull and push against a local NetBox lookalike, with IPAM in real MariaDB (a fresh database per test). */
class NetBoxTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    private FakeNetBox netBox;
    private NetBoxClient client;
    private SubnetService subnets;
    private PoolService pools;
    private IpAllocator allocator;

    @BeforeEach
    void start() throws Exception {
        netBox = new FakeNetBox();
        client = new NetBoxClient(NetBoxSettings.of(netBox.url(), FakeNetBox.TOKEN), Duration.ofSeconds(5));
        subnets = new SubnetService(new SubnetRepository(db.dsl()));
        pools = new PoolService(new PoolRepository(db.dsl()));
        allocator = new IpAllocator(new AllocationRepository(db.dsl()));
    }

    @AfterEach
    void stop() {
        netBox.close();
    }

    private Map<String, Subnet> subnetsByCidr() {
        return subnets.list().stream().collect(Collectors.toMap(Subnet::cidr, s -> s));
    }

    @Test
    void pullCreatesSubnetsWithStatusesMappedAndFollowsPagination() {
        netBox.add(NetBoxClient.PREFIXES, "10.50.1.0/24", "active", "customers");
        netBox.add(NetBoxClient.PREFIXES, "10.50.0.0/16", "container", "site A");
        netBox.add(NetBoxClient.PREFIXES, "10.50.2.0/24", "reserved", "");
        netBox.add(NetBoxClient.PREFIXES, "10.50.3.0/24", "deprecated", "");
        netBox.add(NetBoxClient.PREFIXES, "2001:db8:50::/48", "active", "v6");
        netBox.add(NetBoxClient.IP_ADDRESSES, "10.50.1.5/24", "active", "router");
        netBox.add(NetBoxClient.IP_ADDRESSES, "10.50.1.6/24", "deprecated", "");
        netBox.add(NetBoxClient.IP_ADDRESSES, "10.50.1.7/24", "reserved", "");
        netBox.add(NetBoxClient.IP_ADDRESSES, "2001:db8:50::10/64", "dhcp", "");
        netBox.add(NetBoxClient.IP_ADDRESSES, "10.60.0.1/24", "active", "elsewhere");

        NetBoxPullReport report = new NetBoxPull(new NetBoxPullRepository(db.dsl(), Clock.systemUTC())).pull(client);

        assertThat(report.subnetsCreated()).isEqualTo(4);
        assertThat(report.prefixesSkipped()).isEqualTo(1);
        assertThat(report.addressesExcluded()).isEqualTo(3);
        assertThat(report.addressesIgnored()).isEqualTo(2);
        Map<String, Subnet> created = subnetsByCidr();
        assertThat(created.keySet()).containsExactlyInAnyOrder("10.50.0.0/16", "10.50.1.0/24", "10.50.2.0/24",
                "2001:db8:50::/48");
        Subnet customers = created.get("10.50.1.0/24");
        assertThat(customers.parentId()).isEqualTo(created.get("10.50.0.0/16").id());
        assertThat(customers.description()).isEqualTo("customers");
        assertThat(customers.exclusions()).extracting(AddressRange::first).extracting(v -> v.longValue() & 0xff)
                .containsExactly(5L, 7L);
        assertThat(created.get("10.50.2.0/24").exclusions()).containsExactly(created.get("10.50.2.0/24").range());
        assertThat(created.get("2001:db8:50::/48").exclusions()).hasSize(1);
        assertThat(created.get("10.50.0.0/16").exclusions()).isEmpty();
        assertThat(netBox.requests).allMatch(r -> r.authorization().equals("Token " + FakeNetBox.TOKEN));
        assertThat(netBox.requests.stream().filter(r -> r.pathAndQuery().contains("offset=")).count())
                .as("5 objects per collection in pages of 2").isEqualTo(4);
        assertThat(netBox.writes()).isEmpty();

        NetBoxPullReport again = new NetBoxPull(new NetBoxPullRepository(db.dsl(), Clock.systemUTC())).pull(client);
        assertThat(again.subnetsCreated()).isZero();
        assertThat(again.subnetsAlreadyPresent()).isEqualTo(4);
        assertThat(subnets.list()).hasSize(4);
    }

    @Test
    void assignAndUnassignPushCreateReactivateAndDeprecate() {
        Subnet subnet = subnets.create(NewSubnet.of("10.70.0.0/24").withGateway("10.70.0.1"));
        Pool pool = pools.create(NewPool.addresses("netbox-push", subnet.id()));
        NetBoxPush push = new NetBoxPush(client, id -> subnets.get(id).prefixLength(), NetBoxReleaseMode.DEPRECATE);

        Assignment assigned = allocator.allocate(pool.id(), 42);
        push.addIp(assigned);

        assertThat(netBox.writes()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.pathAndQuery()).isEqualTo("/api/ipam/ip-addresses/");
            assertThat(r.body().path("address").asText()).isEqualTo(assigned.firstAddress() + "/24");
            assertThat(r.body().path("status").asText()).isEqualTo("active");
            assertThat(r.body().path("description").asText()).isEqualTo("routerbridge service 42");
        });
        long id = netBox.all(NetBoxClient.IP_ADDRESSES).get(0).path("id").asLong();

        allocator.release(42, pool.id());
        push.removeIp(assigned);
        assertThat(netBox.writes()).hasSize(2);
        FakeNetBox.Request deprecate = netBox.writes().get(1);
        assertThat(deprecate.method()).isEqualTo("PATCH");
        assertThat(deprecate.pathAndQuery()).isEqualTo("/api/ipam/ip-addresses/" + id + "/");
        assertThat(deprecate.body().path("status").asText()).isEqualTo("deprecated");
        assertThat(netBox.all(NetBoxClient.IP_ADDRESSES).get(0).path("status").path("value").asText())
                .isEqualTo("deprecated");

        push.addIp(assigned);
        assertThat(netBox.writes()).hasSize(3);
        assertThat(netBox.writes().get(2).method()).isEqualTo("PATCH");
        assertThat(netBox.all(NetBoxClient.IP_ADDRESSES)).singleElement()
                .satisfies(o -> assertThat(o.path("status").path("value").asText()).isEqualTo("active"));
    }

    @Test
    void prefixBlocksArePushedAsPrefixesAndDeleteModeDeletes() {
        Subnet subnet = subnets.create(NewSubnet.of("10.80.0.0/24"));
        Pool pool = pools.create(NewPool.prefixes("netbox-blocks", subnet.id(), 29));
        NetBoxPush push = new NetBoxPush(client, id -> subnets.get(id).prefixLength(), NetBoxReleaseMode.DELETE);

        Assignment block = allocator.allocate(pool.id(), 7);
        push.addIp(block);
        assertThat(netBox.writes()).singleElement().satisfies(r -> {
            assertThat(r.pathAndQuery()).isEqualTo("/api/ipam/prefixes/");
            assertThat(r.body().path("prefix").asText()).isEqualTo(block.address()).endsWith("/29");
        });
        push.removeIp(block);
        assertThat(netBox.writes().get(1).method()).isEqualTo("DELETE");
        assertThat(netBox.all(NetBoxClient.PREFIXES)).isEmpty();

        push.removeIp(block);
        assertThat(netBox.writes()).as("nothing left to remove").hasSize(2);
    }

    @Test
    void netBoxDownIsAClearErrorAndIpamIsUnaffected() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        NetBoxClient down = new NetBoxClient(NetBoxSettings.of("http://127.0.0.1:" + closedPort, FakeNetBox.TOKEN),
                Duration.ofSeconds(2));
        Subnet subnet = subnets.create(NewSubnet.of("10.90.0.0/24"));
        Pool pool = pools.create(NewPool.addresses("netbox-down", subnet.id()));

        assertThatThrownBy(() -> new NetBoxPull(new NetBoxPullRepository(db.dsl(), Clock.systemUTC())).pull(down))
                .isInstanceOf(IntegrationException.class)
                .hasMessageContaining("unreachable").hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageNotContaining(FakeNetBox.TOKEN);
        assertThat(subnets.list()).extracting(Subnet::cidr).containsExactly("10.90.0.0/24");

        Assignment assigned = allocator.allocate(pool.id(), 9);
        NetBoxPush push = new NetBoxPush(down, id -> subnets.get(id).prefixLength(), NetBoxReleaseMode.DEPRECATE);
        assertThatThrownBy(() -> push.addIp(assigned)).isInstanceOf(IntegrationException.class)
                .hasMessageStartingWith("netbox: ");
        assertThat(allocator.assignmentsOf(9)).extracting(Assignment::address).containsExactly(assigned.address());
    }

    @Test
    void refusedTokenAndHalfFailedPullChangeNothing() {
        netBox.add(NetBoxClient.PREFIXES, "10.95.0.0/24", "active", "");
        NetBoxClient wrongToken = new NetBoxClient(NetBoxSettings.of(netBox.url(), "not-the-token"));
        assertThatThrownBy(() -> new NetBoxPull(new NetBoxPullRepository(db.dsl(), Clock.systemUTC())).pull(wrongToken))
                .isInstanceOf(IntegrationException.class).hasMessageContaining("HTTP 403")
                .hasMessageNotContaining("not-the-token");
        assertThat(subnets.list()).isEmpty();
        assertThat(List.of(netBox.requests.get(0).authorization())).containsExactly("Token not-the-token");
    }
}
