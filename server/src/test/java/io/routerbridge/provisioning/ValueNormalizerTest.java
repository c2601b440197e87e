package io.routerbridge.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueNormalizerTest {

    private static String n(Menu menu, String attribute, String value) {
        return ValueNormalizer.normalize(menu, attribute, value);
    }

    @Test
    void ratesCompareInBits() {
        assertThat(n(Menu.QUEUE_SIMPLE, "max-limit", "10M/10M")).isEqualTo("10000000/10000000");
        assertThat(n(Menu.QUEUE_SIMPLE, "max-limit", "10000000/10000000")).isEqualTo("10000000/10000000");
        assertThat(n(Menu.QUEUE_SIMPLE, "max-limit", "512k/1.5M")).isEqualTo("512000/1500000");
        assertThat(n(Menu.QUEUE_SIMPLE, "max-limit", "2M")).isEqualTo("2000000/2000000");
        assertThat(n(Menu.QUEUE_SIMPLE, "max-limit", "1G/0")).isEqualTo("1000000000/0");
        assertThat(n(Menu.QUEUE_SIMPLE, "max-limit", "fast")).isEqualTo("fast");
        assertThat(n(Menu.QUEUE_SIMPLE, "limit-at", "0/0")).isEqualTo("0/0");
    }

    @Test
    void booleansCompareAsTrueFalse() {
        assertThat(n(Menu.PPP_SECRET, "disabled", "yes")).isEqualTo(n(Menu.PPP_SECRET, "disabled", "true"));
        assertThat(n(Menu.FILTER, "log", "no")).isEqualTo("false");
        assertThat(n(Menu.PPP_SECRET, "password", "yes")).isEqualTo("yes");
    }

    @Test
    void addressesCompareWithTheirImplicitLength() {
        assertThat(n(Menu.IP_ADDRESS, "address", "203.0.113.10")).isEqualTo("203.0.113.10/32");
        assertThat(n(Menu.IP_ADDRESS, "address", "10.0.0.1/24")).isEqualTo("10.0.0.1/24");
        assertThat(n(Menu.QUEUE_SIMPLE, "target", "10.64.0.10/32")).isEqualTo(n(Menu.QUEUE_SIMPLE, "target", "10.64.0.10"));
        assertThat(n(Menu.QUEUE_SIMPLE, "target", "10.0.0.1,10.0.0.2/32")).isEqualTo("10.0.0.1,10.0.0.2");
        assertThat(n(Menu.ADDRESS_LIST, "address", "203.0.113.77/24")).isEqualTo("203.0.113.0/24");
        assertThat(n(Menu.ADDRESS_LIST, "address", "10.0.0.0-10.0.0.255")).isEqualTo("10.0.0.0/24");
        assertThat(n(Menu.FILTER, "src-address", "10.0.0.1-10.0.0.50")).isEqualTo("10.0.0.1-10.0.0.50");
        assertThat(n(Menu.FILTER, "dst-address", "!10.64.0.0/16")).isEqualTo("!10.64.0.0/16");
        assertThat(n(Menu.NAT, "to-addresses", "203.0.113.10/32")).isEqualTo("203.0.113.10");
        assertThat(n(Menu.IP_ADDRESS, "address", "2001:DB8::1")).isEqualTo("2001:db8::1/128");
        assertThat(n(Menu.FILTER, "src-address", "example.com")).isEqualTo("example.com");
    }

    @Test
    void protocolNumbersCompareAsNames() {
        assertThat(n(Menu.NAT, "protocol", "6")).isEqualTo("tcp");
        assertThat(n(Menu.NAT, "protocol", "UDP")).isEqualTo("udp");
    }
}
