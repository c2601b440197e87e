package io.routerbridge.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OwnershipMarkerTest {

    @Test
    void formatIsShortAndParsesBack() {
        OwnershipMarker marker = OwnershipMarker.of("42", "port-forward", "tcp-8080");
        assertThat(marker.comment()).isEqualTo("rb:42:port-forward:tcp-8080");
        assertThat(OwnershipMarker.parse("rb:42:port-forward:tcp-8080")).contains(marker);
        assertThat(OwnershipMarker.parse("rb:42:srcnat")).contains(OwnershipMarker.of("42", "srcnat"));
    }

    @Test
    void textAnOperatorAppendsAfterASpaceKeepsTheMarker() {
        assertThat(OwnershipMarker.parse("rb:42:srcnat customer Bob, ticket #77"))
                .contains(OwnershipMarker.of("42", "srcnat"));
        assertThat(OwnershipMarker.parse("rb:42:vpn-user:alice\tnote")).contains(OwnershipMarker.of("42", "vpn-user", "alice"));
    }

    @Test
    void commentsThatAreNotOursAreNotParsed() {
        assertThat(OwnershipMarker.parse(null)).isEmpty();
        assertThat(OwnershipMarker.parse("")).isEmpty();
        assertThat(OwnershipMarker.parse("defconf: drop invalid")).isEmpty();
        assertThat(OwnershipMarker.parse("note rb:42:srcnat")).isEmpty();
        assertThat(OwnershipMarker.parse("rb:42")).isEmpty();
        assertThat(OwnershipMarker.parse("rb:42:srcnat:a:b")).isEmpty();
        assertThat(OwnershipMarker.parse("rb:4 2:srcnat")).isEmpty();
        assertThat(OwnershipMarker.parse("rb:42:SRCNAT")).isEmpty();
        assertThat(OwnershipMarker.parse("rb:42:vpn-user:a%zz")).isEmpty();
    }

    @Test
    void keysWithAnyCharactersStayOneWordWithoutColons() {
        OwnershipMarker marker = OwnershipMarker.of("42", "vpn-user", "a b:c=d!é%");
        assertThat(marker.comment()).isEqualTo("rb:42:vpn-user:a%20b%3Ac%3Dd%21%C3%A9%25");
        assertThat(OwnershipMarker.parse(marker.comment())).contains(marker);
    }

    @Test
    void invalidPartsAreRefused() {
        assertThatThrownBy(() -> OwnershipMarker.of("4:2", "srcnat")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OwnershipMarker.of("42", "src nat")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OwnershipMarker.of("42", "srcnat", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
