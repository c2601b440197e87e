package io.routerbridge.provisioning;

import static io.routerbridge.provisioning.Fixtures.pppoe;
import static io.routerbridge.provisioning.Fixtures.statik;
import static io.routerbridge.provisioning.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceObjectsTest {

    private static Map<String, String> attributes(List<RouterObject> objects, String marker) {
        return objects.stream().filter(object -> object.marker().comment().equals(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no object " + marker)).attributes();
    }

    @Test
    void activeVpnNatTenantHasPublicIpNatIsolationUsersQueuesAndForwards() {
        List<RouterObject> objects = tenant("42", ServiceStatus.ACTIVE).objects();

        assertThat(objects).extracting(object -> object.menu().path() + " " + object.marker()).containsExactly(
                "/ip/address rb:42:public-ip",
                "/ip/firewall/nat rb:42:srcnat",
                "/ip/firewall/nat rb:42:port-forward:tcp-8080",
                "/ip/firewall/filter rb:42:accept-inside",
                "/ip/firewall/filter rb:42:isolate",
                "/ppp/secret rb:42:vpn-user:alice",
                "/queue/simple rb:42:vpn-queue:alice",
                "/ppp/secret rb:42:vpn-user:bob",
                "/queue/simple rb:42:vpn-queue:bob");
        assertThat(attributes(objects, "rb:42:public-ip"))
                .containsExactly(Map.entry("address", "203.0.113.10/32"), Map.entry("interface", "ether1"));
        assertThat(attributes(objects, "rb:42:srcnat")).containsExactly(Map.entry("chain", "srcnat"),
                Map.entry("action", "src-nat"), Map.entry("src-address", "10.64.0.8/29"),
                Map.entry("to-addresses", "203.0.113.10"), Map.entry("out-interface", "ether1"));
        assertThat(attributes(objects, "rb:42:port-forward:tcp-8080")).containsExactly(Map.entry("chain", "dstnat"),
                Map.entry("action", "dst-nat"), Map.entry("protocol", "tcp"), Map.entry("dst-address", "203.0.113.10"),
                Map.entry("dst-port", "8080"), Map.entry("to-addresses", "10.64.0.10"), Map.entry("to-ports", "80"));
        assertThat(attributes(objects, "rb:42:accept-inside")).containsExactly(Map.entry("chain", "forward"),
                Map.entry("action", "accept"), Map.entry("src-address", "10.64.0.8/29"),
                Map.entry("dst-address", "10.64.0.8/29"));
        assertThat(attributes(objects, "rb:42:isolate")).containsExactly(Map.entry("chain", "forward"),
                Map.entry("action", "drop"), Map.entry("src-address", "10.64.0.8/29"),
                Map.entry("dst-address", "10.64.0.0/16"));
        assertThat(attributes(objects, "rb:42:vpn-user:bob")).containsExactly(Map.entry("name", "bob"),
                Map.entry("password", "pa ss=!\"x"), Map.entry("service", "sstp"),
                Map.entry("profile", "default-encryption"), Map.entry("local-address", "10.64.0.9"),
                Map.entry("remote-address", "10.64.0.11"), Map.entry("disabled", "no"));
        assertThat(attributes(objects, "rb:42:vpn-queue:bob")).containsExactly(Map.entry("name", "rb-42-bob"),
                Map.entry("target", "10.64.0.11/32"), Map.entry("max-limit", "5M/2M"));
        assertThat(tenant("42", ServiceStatus.ACTIVE).teardown().isEmpty()).isTrue();
    }

    @Test
    void suspendedTenantKeepsEverythingButDisablesUsersAndTearsDownSessionsAndConnections() {
        VpnNatTenant suspended = tenant("42", ServiceStatus.SUSPENDED);
        List<RouterObject> active = tenant("42", ServiceStatus.ACTIVE).objects();

        assertThat(suspended.objects()).extracting(RouterObject::marker)
                .containsExactlyElementsOf(active.stream().map(RouterObject::marker).toList());
        assertThat(attributes(suspended.objects(), "rb:42:vpn-user:alice")).containsEntry("disabled", "yes");
        assertThat(attributes(suspended.objects(), "rb:42:vpn-user:bob")).containsEntry("disabled", "yes");
        assertThat(suspended.teardown().sessionNames()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(suspended.teardown().connectionPrefixes()).containsExactly("10.64.0.8/29");
    }

    @Test
    void terminatedTenantHasNoObjectsButStillEndsSessionsAndConnections() {
        VpnNatTenant terminated = tenant("42", ServiceStatus.TERMINATED);
        assertThat(terminated.objects()).isEmpty();
        assertThat(terminated.teardown().sessionNames()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(terminated.teardown().connectionPrefixes()).containsExactly("10.64.0.8/29");
    }

    @Test
    void aUserDisabledByTheClientIsDisabledWhileTheTenantIsActive() {
        VpnNatTenant tenant = new VpnNatTenant("7", "203.0.113.10", "ether1", "10.64.0.8/29", Fixtures.SUPERNET,
                ServiceStatus.ACTIVE, List.of(new VpnNatTenant.VpnUser("dave", "pw", "any", "default", null, true,
                "10.64.0.12")), List.of());
        assertThat(attributes(tenant.objects(), "rb:7:vpn-user:dave")).containsEntry("disabled", "yes");
        assertThat(tenant.objects()).noneMatch(object -> object.menu() == Menu.QUEUE_SIMPLE);
        assertThat(tenant.teardown().sessionNames()).containsExactly("dave");
        assertThat(tenant.teardown().connectionPrefixes()).isEmpty();
    }

    @Test
    void tenantInputsAreValidated() {
        assertThatThrownBy(() -> new VpnNatTenant("7", "203.0.113.10", "ether1", "10.64.0.9/29", Fixtures.SUPERNET,
                ServiceStatus.ACTIVE, List.of(), List.of())).hasMessageContaining("host bits");
        assertThatThrownBy(() -> new VpnNatTenant("7", "203.0.113.10", "ether1", "10.65.0.8/29", Fixtures.SUPERNET,
                ServiceStatus.ACTIVE, List.of(), List.of())).hasMessageContaining("outside");
        assertThatThrownBy(() -> new VpnNatTenant("7", "203.0.113.10", "ether1", "10.64.0.8/29", Fixtures.SUPERNET,
                ServiceStatus.ACTIVE, List.of(new VpnNatTenant.VpnUser("x", "p", "any", "default", null, false,
                "10.64.0.9")), List.of())).hasMessageContaining("gateway");
        assertThatThrownBy(() -> new VpnNatTenant("7", "203.0.113.10", "ether1", "10.64.0.8/29", Fixtures.SUPERNET,
                ServiceStatus.ACTIVE, List.of(), List.of(new VpnNatTenant.PortForward("tcp", 80, "10.64.1.5", 80))))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> new VpnNatTenant.VpnUser("x", "p", "any", "default", "fast", false, "10.64.0.10"))
                .hasMessageContaining("rate limit");
        assertThatThrownBy(() -> new VpnNatTenant.PortForward("icmp", 80, "10.64.0.10", 80))
                .hasMessageContaining("tcp or udp");
    }

    @Test
    void pppoeSubscriberPerStatus() {
        assertThat(pppoe("9", ServiceStatus.ACTIVE).objects()).singleElement().satisfies(secret -> {
            assertThat(secret.marker().comment()).isEqualTo("rb:9:pppoe-user");
            assertThat(secret.attributes()).containsExactly(Map.entry("name", "sub-9"), Map.entry("password", "pw9"),
                    Map.entry("service", "pppoe"), Map.entry("profile", "gold"), Map.entry("disabled", "no"));
        });
        assertThat(pppoe("9", ServiceStatus.ACTIVE).teardown().isEmpty()).isTrue();
        assertThat(pppoe("9", ServiceStatus.SUSPENDED).objects()).singleElement().satisfies(secret ->
                assertThat(secret.attributes()).containsEntry("profile", "disconnect").containsEntry("disabled", "yes"));
        assertThat(pppoe("9", ServiceStatus.SUSPENDED).teardown().sessionNames()).containsExactly("sub-9");
        assertThat(pppoe("9", ServiceStatus.TERMINATED).objects()).isEmpty();
        assertThat(pppoe("9", ServiceStatus.TERMINATED).teardown().sessionNames()).containsExactly("sub-9");
    }

    @Test
    void staticSubscriberPerStatus() {
        StaticSubscriber active = statik("5", "198.51.100.7", ServiceStatus.ACTIVE);
        assertThat(active.objects()).singleElement().satisfies(queue -> {
            assertThat(queue.marker().comment()).isEqualTo("rb:5:static-queue");
            assertThat(queue.attributes()).containsExactly(Map.entry("name", "rb-5"),
                    Map.entry("target", "198.51.100.7/32"), Map.entry("max-limit", "10M/10M"));
        });
        assertThat(active.sharedObjects()).containsExactly(StaticSubscriber.blockSuspendedRule());
        assertThat(StaticSubscriber.blockSuspendedRule().attributes()).containsExactly(Map.entry("chain", "forward"),
                Map.entry("action", "drop"), Map.entry("src-address-list", "rb-suspended"));

        StaticSubscriber suspended = statik("5", "198.51.100.7", ServiceStatus.SUSPENDED);
        assertThat(suspended.objects()).extracting(object -> object.marker().comment())
                .containsExactly("rb:5:static-queue", "rb:5:suspended");
        assertThat(attributes(suspended.objects(), "rb:5:suspended"))
                .containsExactly(Map.entry("list", "rb-suspended"), Map.entry("address", "198.51.100.7"));
        assertThat(suspended.teardown().connectionPrefixes()).containsExactly("198.51.100.7/32");

        StaticSubscriber terminated = statik("5", "198.51.100.7", ServiceStatus.TERMINATED);
        assertThat(terminated.objects()).isEmpty();
        assertThat(terminated.sharedObjects()).isEmpty();
    }

    @Test
    void desiredStateRefusesTwoServicesClaimingTheSameSecretName() {
        PppoeSubscriber first = new PppoeSubscriber("1", "same", "a", "gold", "disconnect", null, ServiceStatus.ACTIVE);
        PppoeSubscriber second = new PppoeSubscriber("2", "same", "b", "gold", "disconnect", null, ServiceStatus.ACTIVE);
        assertThatThrownBy(() -> DesiredState.wholeRouter(List.of(first, second)))
                .hasMessageContaining("name=same");
        assertThatThrownBy(() -> DesiredState.wholeRouter(List.of(first, pppoe("1", ServiceStatus.ACTIVE))))
                .hasMessageContaining("used twice");
    }

    @Test
    void servicesAreOrderedByNumericIdWhateverTheInputOrder() {
        DesiredState state = DesiredState.wholeRouter(List.of(pppoe("10", ServiceStatus.ACTIVE),
                pppoe("9", ServiceStatus.ACTIVE), pppoe("100", ServiceStatus.ACTIVE)));
        assertThat(state.objects()).extracting(object -> object.marker().owner()).containsExactly("9", "10", "100");
    }
}
