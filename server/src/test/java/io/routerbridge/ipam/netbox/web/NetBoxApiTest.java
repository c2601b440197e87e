package io.routerbridge.ipam.netbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.api.ApiTestClient;
import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.netbox.FakeNetBox;
import io.routerbridge.ipam.netbox.NetBoxClient;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1/netbox through the real service, MariaDB and a local NetBox lookalike. */
class NetBoxApiTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @Test
    void configurePullAndPushThroughTheService() throws Exception {
        try (TestService service = TestService.start(db); FakeNetBox netBox = new FakeNetBox()) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            assertThat(api.get("/api/v1/netbox/settings").statusCode()).isEqualTo(404);
            assertThat(api.post("/api/v1/netbox/pull", "").statusCode()).isEqualTo(409);

            HttpResponse<String> bad = api.send("PUT", "/api/v1/netbox/settings", "{\"url\":\"ftp://x\",\"token\":\"t\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(api.json(bad).path("field").asText()).isEqualTo("url");

            HttpResponse<String> put = api.send("PUT", "/api/v1/netbox/settings",
                    "{\"url\":\"" + netBox.url() + "/\",\"token\":\"" + FakeNetBox.TOKEN + "\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            HttpResponse<String> got = api.get("/api/v1/netbox/settings");
            assertThat(api.json(got).path("url").asText()).isEqualTo(netBox.url());
            assertThat(api.json(got).path("releaseMode").asText()).isEqualTo("deprecate");
            assertThat(got.body()).doesNotContain(FakeNetBox.TOKEN);
            String stored = db.dsl().fetchValue("SELECT token_encrypted FROM mod_routerbridge_ipam_netbox_settings")
                    .toString();
            assertThat(stored).startsWith("v1:").doesNotContain(FakeNetBox.TOKEN);

            netBox.add(NetBoxClient.PREFIXES, "10.40.0.0/24", "active", "from netbox");
            netBox.add(NetBoxClient.IP_ADDRESSES, "10.40.0.9/24", "active", "");
            HttpResponse<String> pulled = api.post("/api/v1/netbox/pull", "");
            assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
            assertThat(api.json(pulled).path("subnetsCreated").asInt()).isEqualTo(1);
            assertThat(api.json(pulled).path("addressesExcluded").asInt()).isEqualTo(1);
            assertThat(api.json(api.get("/api/v1/subnets")).get(0).path("excluded").get(0).asText()).isEqualTo("10.40.0.9");

            Subnet subnet = new SubnetService(new SubnetRepository(db.dsl())).list().get(0);
            Pool pool = new PoolService(new PoolRepository(db.dsl())).create(NewPool.addresses("from-netbox", subnet.id()));
            Assignment assigned = new IpAllocator(new AllocationRepository(db.dsl())).allocate(pool.id(), 5);
            service.app().module(IpamModule.class).netBoxIntegration().addIp(assigned);
            service.app().module(IpamModule.class).netBoxIntegration().removeIp(assigned);
            assertThat(netBox.writes()).extracting(FakeNetBox.Request::method).containsExactly("POST", "PATCH");
            assertThat(netBox.all(NetBoxClient.IP_ADDRESSES)).anySatisfy(o -> {
                assertThat(o.path("address").asText()).isEqualTo(assigned.firstAddress() + "/24");
                assertThat(o.path("status").path("value").asText()).isEqualTo("deprecated");
            });

            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            api.send("PUT", "/api/v1/netbox/settings", "{\"url\":\"http://127.0.0.1:" + closedPort + "\",\"token\":\"t\"}");
            HttpResponse<String> down = api.post("/api/v1/netbox/pull", "");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(api.json(down).path("error").asText()).contains("unreachable");
            assertThat(new SubnetService(new SubnetRepository(db.dsl())).list()).hasSize(1);
        }
    }

    @Test
    void restAssignAndUnassignPushTheRightCallsToNetBox() throws Exception {
        try (TestService service = TestService.start(db); FakeNetBox netBox = new FakeNetBox()) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            assertThat(api.send("PUT", "/api/v1/netbox/settings", "{\"url\":\"" + netBox.url() + "\",\"token\":\""
                    + FakeNetBox.TOKEN + "\"}").statusCode()).isEqualTo(200);
            long subnet = api.json(api.post("/api/v1/subnets", "{\"cidr\":\"10.41.0.0/24\"}")).path("id").asLong();
            long pool = api.json(api.post("/api/v1/pools", "{\"name\":\"pushed\",\"subnetId\":" + subnet + "}"))
                    .path("id").asLong();

            HttpResponse<String> assigned = api.post("/api/v1/assignments", "{\"poolId\":" + pool + ",\"serviceId\":77}");
            assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
            assertThat(api.json(assigned).path("integrationErrors")).isEmpty();
            assertThat(netBox.writes()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.pathAndQuery()).isEqualTo("/api/ipam/ip-addresses/");
                assertThat(r.body().path("address").asText()).isEqualTo("10.41.0.1/24");
                assertThat(r.body().path("status").asText()).isEqualTo("active");
                assertThat(r.body().path("description").asText()).isEqualTo("routerbridge service 77");
            });
            long netBoxId = netBox.all(NetBoxClient.IP_ADDRESSES).get(0).path("id").asLong();

            long assignment = api.json(assigned).path("id").asLong();
            HttpResponse<String> released = api.send("DELETE", "/api/v1/assignments/" + assignment, null);
            assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
            assertThat(netBox.writes()).hasSize(2);
            assertThat(netBox.writes().get(1).method()).isEqualTo("PATCH");
            assertThat(netBox.writes().get(1).pathAndQuery()).isEqualTo("/api/ipam/ip-addresses/" + netBoxId + "/");
            assertThat(netBox.writes().get(1).body().path("status").asText()).isEqualTo("deprecated");

            // a second unassign is refused and tells NetBox nothing
            assertThat(api.send("DELETE", "/api/v1/assignments/" + assignment, null).statusCode()).isEqualTo(409);
            assertThat(netBox.writes()).hasSize(2);
        }
    }

    @Test
    void releaseModeIsValidated() {
        try (TestService service = TestService.start(db)) {
            ApiTestClient api = ApiTestClient.withNewKey(service);
            HttpResponse<String> bad = api.send("PUT", "/api/v1/netbox/settings",
                    "{\"url\":\"http://127.0.0.1:1\",\"token\":\"t\",\"releaseMode\":\"purge\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(api.json(bad).path("field").asText()).isEqualTo("releaseMode");
            assertThat(api.send("PUT", "/api/v1/netbox/settings",
                    "{\"url\":\"http://127.0.0.1:1\",\"token\":\"t\",\"releaseMode\":\"delete\"}").statusCode()).isEqualTo(200);
            assertThat(api.json(api.get("/api/v1/netbox/settings")).path("releaseMode").asText()).isEqualTo("delete");
        }
    }
}
