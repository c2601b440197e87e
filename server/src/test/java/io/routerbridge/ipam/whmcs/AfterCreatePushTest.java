package io.routerbridge.ipam.whmcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.netbox.FakeNetBox;
import io.routerbridge.ipam.netbox.NetBoxClient;
import io.routerbridge.ipam.netbox.NetBoxReleaseMode;
import io.routerbridge.ipam.netbox.NetBoxSettings;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AfterModuleCreate hook over the signed channel pushes the service's addresses to NetBox. */
class AfterCreatePushTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @Test
    void afterModuleCreatePushesEveryHeldAddressAndReportsAnUnreachableNetBox() throws Exception {
        try (TestService service = TestService.start(db); FakeNetBox netBox = new FakeNetBox()) {
            Subnet subnet = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("192.0.2.0/24"));
            Pool pool = new PoolService(new PoolRepository(db.dsl())).create(NewPool.addresses("after-create", subnet.id()));
            Assignment held = new IpAllocator(new AllocationRepository(db.dsl())).allocate(pool.id(), 41);
            service.app().module(IpamModule.class).netBoxIntegration().configure(NetBoxSettings.of(netBox.url(), FakeNetBox.TOKEN),
                    NetBoxReleaseMode.DEPRECATE);

            HttpResponse<String> pushed = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41)));

            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            assertThat(netBox.writes()).extracting(FakeNetBox.Request::method).containsExactly("POST");
            assertThat(netBox.all(NetBoxClient.IP_ADDRESSES)).singleElement().satisfies(o -> {
                assertThat(o.path("address").asText()).isEqualTo(held.firstAddress() + "/24");
                assertThat(o.path("status").path("value").asText()).isEqualTo("active");
            });

            HttpResponse<String> none = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 42)));
            assertThat(none.statusCode()).isEqualTo(200);
            assertThat(netBox.writes()).hasSize(1);

            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            service.app().module(IpamModule.class).netBoxIntegration().configure(NetBoxSettings.of("http://127.0.0.1:" + closedPort, "t"),
                    NetBoxReleaseMode.DEPRECATE);
            HttpResponse<String> down = service.callHook("AfterModuleCreate", Map.of("params", Map.of("serviceid", 41)));
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(service.json(down).path("error").asText()).contains("keeps its addresses").contains("unreachable");
            assertThat(new IpAllocator(new AllocationRepository(db.dsl())).assignmentsOf(41)).containsExactly(held);
        }
    }
}
