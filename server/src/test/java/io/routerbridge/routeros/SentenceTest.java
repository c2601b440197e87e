package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SentenceTest {

    @Test
    void wordsAreThePathAttributesProplistThenQueriesInOrder() {
        Sentence command = Sentence.of("/ip/address/print")
                .with("detail")
                .proplist(".id", "address")
                .whereEquals("interface", "ether1")
                .whereHas("comment")
                .whereLacks("dynamic")
                .whereLess("network", "10.0.0.0")
                .whereGreater("comment", "")
                .whereOps("|")
                .where("?=disabled=false");

        assertThat(command.words()).containsExactly("/ip/address/print", "=detail=", "=.proplist=.id,address",
                "?interface=ether1", "?comment", "?-dynamic", "?<network=10.0.0.0", "?>comment=", "?#|",
                "?=disabled=false");
    }

    @Test
    void valuesThatLookLikeSyntaxStayValues() {
        Sentence command = Sentence.of("/ppp/secret/add").with("name", "u").with("password", "p!q=r ?#| /quit\n=x=y");
        assertThat(command.words()).containsExactly("/ppp/secret/add", "=name=u", "=password=p!q=r ?#| /quit\n=x=y");
    }

    @Test
    void settingAnAttributeAgainReplacesIt() {
        assertThat(Sentence.of("/system/identity/set").with("name", "a").with("name", "b").words())
                .containsExactly("/system/identity/set", "=name=b");
    }

    @Test
    void commandsAreImmutable() {
        Sentence base = Sentence.of("/ip/address/print");
        base.with("detail").whereHas("comment");
        assertThat(base.words()).containsExactly("/ip/address/print");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ip/address/print", "/ip/address/print =x=1", "/ip//print", "/ip/address/", "/",
            "/ip address", "/ip/address/print\n/quit", "/ip/=x"})
    void malformedPathsAreRefused(String path) {
        assertThatThrownBy(() -> Sentence.of(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/quit", "/login", "/ip/firewall/address-list/add", "/interface/l2tp-server/server/set",
            "/ipv6/address/print"})
    void realPathsAreAccepted(String path) {
        assertThat(Sentence.of(path).path()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a=b", "na me", "x\ny", ".tag", "?x", "-x", ">x", "<x", "#x", ".proplist"})
    void attributeNamesThatCouldBreakTheWordAreRefused(String name) {
        assertThatThrownBy(() -> Sentence.of("/ip/address/add").with(name, "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryNamesAndOperationsAreValidated() {
        Sentence print = Sentence.of("/ip/address/print");
        assertThatThrownBy(() -> print.whereEquals("a=b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> print.whereOps("|?x=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> print.where("name=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> print.proplist("a,b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringMasksSecrets() {
        Sentence command = Sentence.of("/ppp/secret/add").with("name", "alice").with("password", "hunter2")
                .with("ipsec-secret", "s3cr3t");
        assertThat(command.toString()).contains("alice").doesNotContain("hunter2").doesNotContain("s3cr3t");
    }

    @Test
    void endpointToStringHidesThePassword() {
        RouterEndpoint endpoint = RouterEndpoint.plain("10.0.0.1", 8728, "admin", "hunter2");
        assertThat(endpoint.toString()).contains("10.0.0.1:8728").contains("admin").doesNotContain("hunter2");
    }

    @Test
    void pinsAreComparedIgnoringCaseAndColons() {
        String hex = "ab".repeat(32);
        String typed = String.join(":", java.util.Collections.nCopies(32, "AB"));
        assertThat(RouterEndpoint.tls("h", 8729, typed, "u", "p").pinnedSha256()).isEqualTo(hex);
        assertThatThrownBy(() -> RouterEndpoint.tls("h", 8729, "abc", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void legacyLoginResponseFollowsTheChallengeRecipe() {
        // md5(0x00 + "" + 16 zero bytes), computed independently: 0x00 followed by sixteen 0x00 bytes
        String response = RouterConnection.legacyResponse("", "00000000000000000000000000000000");
        assertThat(response).startsWith("00").hasSize(34);
        assertThat(response).isEqualTo("00" + md5Hex(new byte[17]));
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
