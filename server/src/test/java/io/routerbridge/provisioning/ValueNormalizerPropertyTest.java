package io.routerbridge.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The hand-written IPv4 fast path agrees with the IP address library on every address and prefix length. */
class ValueNormalizerPropertyTest {

    @Property(tries = 1000)
    void ipv4PrefixesNormaliseLikeTheLibrary(@ForAll @IntRange(min = 0, max = 255) int a,
                                             @ForAll @IntRange(min = 0, max = 255) int b,
                                             @ForAll @IntRange(min = 0, max = 255) int c,
                                             @ForAll @IntRange(min = 0, max = 255) int d,
                                             @ForAll @IntRange(min = 0, max = 32) int length) {
        String text = a + "." + b + "." + c + "." + d + "/" + length;
        IPAddress block = new IPAddressString(text).getAddress().toPrefixBlock();
        String expectedNetwork = length == 32 ? a + "." + b + "." + c + "." + d
                : block.getLower().withoutPrefixLength().toCanonicalString() + "/" + length;

        assertThat(ValueNormalizer.normalize(Menu.FILTER, "src-address", text)).isEqualTo(expectedNetwork);
        assertThat(ValueNormalizer.normalize(Menu.IP_ADDRESS, "address", text)).isEqualTo(text);
        assertThat(ValueNormalizer.normalize(Menu.FILTER, "src-address", "!" + text)).isEqualTo("!" + expectedNetwork);
    }

    @Property(tries = 300)
    void textThatIsNotAnAddressIsComparedAsWritten(@ForAll String text) {
        String normalised = ValueNormalizer.normalize(Menu.ADDRESS_LIST, "address", text);
        if (new IPAddressString(text.startsWith("!") ? text.substring(1) : text).isIPAddress()
                || text.contains("-") || text.startsWith("!")) {
            return;
        }
        assertThat(normalised).isEqualTo(text);
    }
}
