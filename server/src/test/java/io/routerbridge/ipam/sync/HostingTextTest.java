package io.routerbridge.ipam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HostingTextTest {
    @Test
    void tokensComeFromBothColumnsWhateverTheSeparator() {
        assertThat(HostingText.tokens(" 192.0.2.1 ", "192.0.2.2\r\n192.0.2.3, 192.0.2.4;192.0.2.5\n\n"))
                .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5");
        assertThat(HostingText.tokens("", "")).isEmpty();
    }

    @Test
    void parsesAddressesAndAlignedBlocksOnly() {
        assertThat(HostingText.parse("192.0.2.7")).hasValueSatisfying(b -> {
            assertThat(b.family()).isEqualTo(4);
            assertThat(b.first()).isEqualTo(b.last()).isEqualTo(BigInteger.valueOf(0xC0000207L));
            assertThat(b.prefixLength()).isEqualTo(32);
        });
        assertThat(HostingText.parse("2001:db8:1::/48")).hasValueSatisfying(b -> {
            assertThat(b.family()).isEqualTo(6);
            assertThat(b.prefixLength()).isEqualTo(48);
            assertThat(b.last().subtract(b.first())).isEqualTo(BigInteger.TWO.pow(80).subtract(BigInteger.ONE));
        });
        assertThat(HostingText.parse("192.0.2.9/29")).as("not a network address").isEmpty();
        assertThat(HostingText.parse("192.0.2.300")).isEmpty();
        assertThat(HostingText.parse("server1")).isEmpty();
        assertThat(HostingText.parse("192.0.2.1-192.0.2.5")).isEmpty();
    }

    @Test
    void removingAnAddressKeepsTheOtherTokens() {
        BigInteger dot5 = HostingText.parse("192.0.2.5").orElseThrow().first();
        assertThat(HostingText.without("192.0.2.4\n192.0.2.5\nnote", 4, dot5, true)).isEqualTo("192.0.2.4\nnote");
        assertThat(HostingText.without("192.0.2.5", 4, dot5, false)).isEmpty();
        assertThat(HostingText.without("192.0.2.6", 4, dot5, false)).isEqualTo("192.0.2.6");
        assertThat(HostingText.mentions("", "x\n192.0.2.5", 4, dot5)).isTrue();
        assertThat(HostingText.mentions("192.0.2.5", "", 6, dot5)).isFalse();
    }
}
