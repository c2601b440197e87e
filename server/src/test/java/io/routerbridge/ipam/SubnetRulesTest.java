package io.routerbridge.ipam;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubnetRulesTest {

    @Property
    void ipv4SubnetsUpToSlash30ReserveNetworkAndBroadcast(@ForAll @IntRange(min = 8, max = 30) int prefix) {
        Subnet subnet = Subnet.define(NewSubnet.of("10.0.0.0/" + prefix));
        BigInteger last = BigInteger.valueOf(0x0A000000L).add(BigInteger.ONE.shiftLeft(32 - prefix)).subtract(BigInteger.ONE);
        assertThat(subnet.unavailable()).containsExactly(
                AddressRange.single(BigInteger.valueOf(0x0A000000L)), AddressRange.single(last));
    }

    @Property
    void pointToPointAndHostPrefixesAreFullyUsable(@ForAll @IntRange(min = 0, max = 1) int hostBits) {
        assertThat(Subnet.define(NewSubnet.of("192.0.2.4/" + (32 - hostBits))).unavailable()).isEmpty();
        assertThat(Subnet.define(NewSubnet.of("2001:db8::4/" + (128 - hostBits))).unavailable()).isEmpty();
    }

    @Property
    void ipv6ReservesTheSubnetRouterAnycastAddressButHasNoBroadcast(@ForAll @IntRange(min = 32, max = 126) int prefix) {
        Subnet subnet = Subnet.define(NewSubnet.of("2001:db8::/" + prefix));
        assertThat(subnet.unavailable()).containsExactly(AddressRange.single(subnet.range().first()));
    }

    @Test
    void gatewayAndExclusionsAreUnavailable() {
        Subnet subnet = Subnet.define(NewSubnet.of("192.0.2.0/24").withGateway("192.0.2.1")
                .withExcluded("192.0.2.10-192.0.2.19", "192.0.2.20", "192.0.2.128/30"));
        assertThat(subnet.unavailable()).containsExactly(
                range("192.0.2.0", "192.0.2.1"), range("192.0.2.10", "192.0.2.20"),
                range("192.0.2.128", "192.0.2.131"), range("192.0.2.255", "192.0.2.255"));
    }

    @Test
    void rulesCanBeSwitchedOff() {
        Subnet subnet = Subnet.define(NewSubnet.of("192.0.2.0/24").withGateway("192.0.2.1")
                .withRules(new ReservationRules(false, true, false)));
        assertThat(subnet.unavailable()).containsExactly(range("192.0.2.1", "192.0.2.1"));
    }

    @Test
    void notationsNoOperatorMeansAreNotAddresses() {
        // base-85 IPv6 (any 20 characters of its alphabet), inet_aton short forms, zones, "*" and bare prefixes
        for (String typo : List.of("gggggggggggggggggggg", "10.1", "1", "0x0a000001", "fe80::1%eth0", "*", "/24")) {
            assertThatThrownBy(() -> AddressText.parseAddress(typo, "gateway")).as(typo)
                    .isInstanceOfSatisfying(IpamValidationException.class, e -> assertThat(e.field()).isEqualTo("gateway"));
            assertThatThrownBy(() -> AddressText.parseNetwork(typo + "/8", "cidr")).as(typo)
                    .isInstanceOf(IpamValidationException.class);
        }
        assertThat(AddressText.parseAddress("2001:db8::1", "gateway").toCanonicalString()).isEqualTo("2001:db8::1");
        assertThat(AddressText.parseAddress("::ffff:192.0.2.1", "gateway").isIPv6()).isTrue();
        assertThat(AddressText.parseNetwork("10.0.0.0/8", "cidr").toCanonicalString()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void refusesBadInputNamingTheField() {
        expectInvalid(NewSubnet.of("10.0.0.300/24"), "cidr", "invalid CIDR");
        expectInvalid(NewSubnet.of("10.0.0.0"), "cidr", "prefix length");
        expectInvalid(NewSubnet.of("10.0.0.1/24"), "cidr", "did you mean 10.0.0.0/24");
        expectInvalid(NewSubnet.of(""), "cidr", "required");
        expectInvalid(NewSubnet.of("10.0.0.0/24").withGateway("10.0.1.1"), "gateway", "outside subnet 10.0.0.0/24");
        expectInvalid(NewSubnet.of("10.0.0.0/24").withGateway("10.0.0.255"), "gateway", "broadcast");
        expectInvalid(NewSubnet.of("10.0.0.0/24").withGateway("2001:db8::1"), "gateway", "not an IPv4 address");
        expectInvalid(NewSubnet.of("10.0.0.0/24").withGateway("nonsense"), "gateway", "invalid IP address");
        expectInvalid(NewSubnet.of("10.0.0.0/24").withExcluded("10.0.0.9-10.0.0.3"), "excluded", "ends before");
        expectInvalid(NewSubnet.of("10.0.0.0/24").withExcluded("10.0.2.0/30"), "excluded", "outside subnet");
    }

    @Test
    void canonicalisesIpv6() {
        Subnet subnet = Subnet.define(NewSubnet.of("2001:0DB8:0000::/32"));
        assertThat(subnet.cidr()).isEqualTo("2001:db8::/32");
        assertThat(subnet.family()).isEqualTo(AddressFamily.IPV6);
        assertThat(AddressFamily.IPV6.format(subnet.range().first().add(BigInteger.ONE.shiftLeft(64).multiply(BigInteger.valueOf(5))), 64))
                .isEqualTo("2001:db8:0:5::/64");
        assertThat(AddressFamily.IPV4.format(BigInteger.valueOf(0xC0000205L), 32)).isEqualTo("192.0.2.5");
        assertThat(AddressFamily.IPV4.format(BigInteger.valueOf(0x0A080010L), 29)).isEqualTo("10.8.0.16/29");
    }

    @Test
    void poolRangesAndPrefixLengthsAreChecked() {
        Subnet subnet = Subnet.define(NewSubnet.of("10.0.0.0/16")).withId(7);
        assertThat(Pool.define(NewPool.addresses("p", 7).withRange("10.0.1.0-10.0.1.99"), subnet).range())
                .isEqualTo(range("10.0.1.0", "10.0.1.99"));
        assertThatThrownBy(() -> Pool.define(NewPool.addresses("p", 7).withRange("10.1.0.0/24"), subnet))
                .isInstanceOfSatisfying(IpamValidationException.class, e -> assertThat(e.field()).isEqualTo("range"));
        assertThatThrownBy(() -> Pool.define(NewPool.prefixes("p", 7, 12), subnet))
                .isInstanceOfSatisfying(IpamValidationException.class, e -> assertThat(e.field()).isEqualTo("prefixLength"));
        assertThatThrownBy(() -> Pool.define(NewPool.addresses(" ", 7), subnet))
                .isInstanceOfSatisfying(IpamValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(Pool.define(NewPool.prefixes("p", 7, 29), subnet).blockPrefixLength()).isEqualTo(29);
        assertThat(Pool.define(NewPool.addresses("p", 7), subnet).blockPrefixLength()).isEqualTo(32);
    }

    @Test
    void coalesceMergesOverlappingAndAdjacentRanges() {
        assertThat(AddressRange.coalesce(List.of(r(5, 6), r(0, 1), r(2, 3), r(10, 12), r(11, 11))))
                .containsExactly(r(0, 3), r(5, 6), r(10, 12));
    }

    private static AddressRange r(long a, long b) {
        return new AddressRange(BigInteger.valueOf(a), BigInteger.valueOf(b));
    }

    private static AddressRange range(String first, String last) {
        return new AddressRange(AddressText.valueOf(first, "x"), AddressText.valueOf(last, "x"));
    }

    private static void expectInvalid(NewSubnet request, String field, String messagePart) {
        assertThatThrownBy(() -> Subnet.define(request))
                .isInstanceOfSatisfying(IpamValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
