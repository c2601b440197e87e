package io.routerbridge.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class OwnershipMarkerPropertyTest {

    @Property(tries = 500)
    void everyKeyRoundTrips(@ForAll @StringLength(min = 1, max = 60) String key) {
        OwnershipMarker marker = OwnershipMarker.of("1234", "vpn-user", key);
        assertThat(marker.comment()).doesNotContainAnyWhitespaces();
        assertThat(OwnershipMarker.parse(marker.comment() + " appended")).contains(marker);
    }
}
