package io.routerbridge.lifecycle;

import static io.routerbridge.lifecycle.LifecycleFixture.owned;
import static io.routerbridge.lifecycle.LifecycleFixture.ownedCount;
import static io.routerbridge.lifecycle.LifecycleFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.emulator.tracer.Packet;
import io.routerbridge.testsupport.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ISP subscriber modes (seed 002) through the same lifecycle: pppoe and static. */
class SubscriberModesTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static LifecycleFixture fixture;
    private static RouterOsEmulator router;

    @BeforeAll
    static void start() {
        fixture = new LifecycleFixture(db);
        router = LifecycleFixture.emulator();
        router.state().add("/ppp/profile", Map.of("name", "disconnect"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
        router.close();
    }

    @Test
    void pppoeSubscriberIsKickedDisabledAndMovedToTheDisconnectProfileWhenSuspended() {
        fixture.hostingRow(601, 61, 6);
        Map<String, Object> p = params(601, 61, 6, router);
        p.put("configoption1", "pppoe");
        p.put("username", "sub601");
        p.put("password", "pw-601-secret");
        fixture.success("CreateAccount", p);
        fixture.success("CreateAccount", p);
        assertThat(owned(router, "/ppp/secret", 601)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("name", "sub601").containsEntry("service", "pppoe")
                .containsEntry("profile", "default").containsEntry("disabled", "false"));
        router.connectPppClient("sub601", "pppoe", "100.64.9.9", "AA:BB:CC:00:06:01");

        fixture.success("SuspendAccount", p);
        assertThat(router.state().rows("/ppp/active")).noneMatch(row -> "sub601".equals(row.get("name")));
        assertThat(owned(router, "/ppp/secret", 601).get(0)).containsEntry("disabled", "true")
                .containsEntry("profile", "disconnect");

        fixture.success("UnsuspendAccount", p);
        assertThat(owned(router, "/ppp/secret", 601).get(0)).containsEntry("disabled", "false")
                .containsEntry("profile", "default");

        p.put("password", "pw-601-changed");
        fixture.success("ChangePassword", p);
        assertThat(owned(router, "/ppp/secret", 601).get(0)).containsEntry("password", "pw-601-changed");

        fixture.success("TerminateAccount", p);
        assertThat(ownedCount(router, 601)).isZero();
    }

    @Test
    void staticSubscriberGetsAQueueAndIsBlockedWhileSuspended() {
        long subnet = fixture.created("/subnets", Map.of("cidr", "100.64.0.0/29"));
        long pool = fixture.created("/pools", Map.of("name", "static subscribers", "subnetId", subnet));
        long config = fixture.created("/configurations", Map.of("name", "static"));
        fixture.created("/configurations/" + config + "/relations",
                Map.of("type", "product", "targetId", 62, "poolId", pool));
        fixture.hostingRow(602, 62, 6);
        Map<String, Object> p = params(602, 62, 6, router);
        p.put("configoption1", "static");
        p.put("configoption3", "20M/20M");

        fixture.success("CreateAccount", p);
        String ip = fixture.dedicatedIp(602);
        assertThat(ip).startsWith("100.64.0.");
        assertThat(owned(router, "/queue/simple", 602)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("target", ip + "/32")
                        .containsEntry("max-limit", "20000000/20000000"));
        Packet out = new Packet(ip, "198.51.100.7", "tcp", 40000, 443, "ether2");
        assertThat(router.trace(out).verdict()).isEqualTo("accept");

        fixture.success("SuspendAccount", p);
        assertThat(router.trace(out).verdict()).isEqualTo("drop");
        fixture.success("UnsuspendAccount", p);
        assertThat(router.trace(out).verdict()).isEqualTo("accept");

        fixture.success("TerminateAccount", p);
        assertThat(ownedCount(router, 602)).isZero();
        assertThat(router.state().rows("/ip/firewall/address-list")).noneMatch(row -> ip.equals(row.get("address")));
        assertThat(fixture.dedicatedIp(602)).isEmpty();
    }
}
