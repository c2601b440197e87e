package io.routerbridge.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The objects of IPAM's announcements: a list entry per address or block, a gateway for routed blocks. */
class AnnouncedAddressesTest {

    @Test
    void aRoutedBlockGetsItsFirstUsableAddressAsGatewayOnlyWhenAnInterfaceIsGiven() {
        AnnouncedAddresses spec = AnnouncedAddresses.of(42, List.of(
                new AnnouncedAddresses.Entry("198.51.100.16/29", "vps", "ether2"),
                new AnnouncedAddresses.Entry("192.0.2.7", "vps", "ether2"),
                new AnnouncedAddresses.Entry("198.51.100.32/28", "vps", null)));

        assertThat(spec.serviceId()).isEqualTo("ipam-42");
        assertThat(spec.objects()).extracting(o -> o.menu() + " " + o.marker() + " " + o.attributes())
                .containsExactly(
                        "ADDRESS_LIST rb:ipam-42:listed:198.51.100.16%2F29 {list=vps, address=198.51.100.16/29}",
                        "IP_ADDRESS rb:ipam-42:gateway:198.51.100.16%2F29 {address=198.51.100.17/29, interface=ether2}",
                        "ADDRESS_LIST rb:ipam-42:listed:192.0.2.7 {list=vps, address=192.0.2.7}",
                        "ADDRESS_LIST rb:ipam-42:listed:198.51.100.32%2F28 {list=vps, address=198.51.100.32/28}");
        assertThat(spec.teardown().isEmpty()).isTrue();
        assertThat(DesiredState.ofServices(List.of(spec)).objects()).hasSize(4);
    }

    @Test
    void blocksWithoutRoomForAGatewayAndAHostGetNone() {
        assertThat(new AnnouncedAddresses.Entry("198.51.100.4/30", "l", "e").gateway()).contains("198.51.100.5/30");
        assertThat(new AnnouncedAddresses.Entry("198.51.100.4/31", "l", "e").gateway()).isEmpty();
        assertThat(new AnnouncedAddresses.Entry("198.51.100.4/32", "l", "e").gateway()).isEmpty();
        assertThat(new AnnouncedAddresses.Entry("198.51.100.4", "l", "e").gateway()).isEmpty();
    }

    @Test
    void onlyIpv4AddressesAndBlocksWithoutHostBitsAreAccepted() {
        assertThatThrownBy(() -> new AnnouncedAddresses.Entry("2001:db8::/64", "l", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnnouncedAddresses.Entry("198.51.100.5/29", "l", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host bits");
        assertThatThrownBy(() -> new AnnouncedAddresses.Entry("not an address", "l", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsOwnerCanNeverBeALifecycleServiceSoAServicePlanLeavesItsObjectsAlone() {
        DesiredState lifecycleService = DesiredState.ofServices(List.of(
                new StaticSubscriber("42", "192.0.2.9", "10M/10M", ServiceStatus.ACTIVE)));
        assertThat(lifecycleService.mayRemove(OwnershipMarker.of("ipam-42", AnnouncedAddresses.LISTED_ROLE, "x")))
                .isFalse();
        assertThat(DesiredState.wholeRouter(List.of()).mayRemove(OwnershipMarker.of("ipam-42", "listed", "x")))
                .isTrue();
    }
}
