package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.emulator.RouterOsEmulator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API-SSL against the emulator's self-signed certificate: pinning, refusal, trust on first use. */
class RouterTlsTest {
    private static RouterOsEmulator emulator;
    private static String fingerprint;

    @BeforeAll
    static void start() {
        emulator = Emulators.start(builder -> builder.tls(true));
        fingerprint = CertificatePins.normalize(emulator.tlsCertificateSha256());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        emulator.close();
        TestRouters.assertNoClientThreadsSoon();
    }

    private static RouterEndpoint pinned(String pin) {
        return RouterEndpoint.tls("127.0.0.1", emulator.tlsPort(), pin, TestRouters.USER, TestRouters.PASSWORD);
    }

    @Test
    void theRightPinIsAcceptedHoweverItIsWritten() {
        String colonsUpper = String.join(":", fingerprint.toUpperCase(Locale.ROOT).split("(?<=\\G..)"));
        try (RouterClients clients = new RouterClients(TestRouters.quickOptions())) {
            RouterSession session = clients.session(pinned(colonsUpper));
            assertThat(session.execute(Sentence.of("/system/identity/print")).rows()).hasSize(1);
            assertThat(session.certificateSha256()).hasValue(fingerprint);
        }
    }

    @Test
    void aWrongPinIsRefusedWithAClearMessage() {
        String wrong = (fingerprint.charAt(0) == 'a' ? "b" : "a") + fingerprint.substring(1);
        try (RouterClients clients = new RouterClients(TestRouters.quickOptions())) {
            assertThatThrownBy(() -> clients.session(pinned(wrong)).execute(Sentence.of("/system/identity/print")))
                    .isInstanceOfSatisfying(RouterTlsException.class,
                            e -> assertThat(e.seenSha256()).hasValue(fingerprint))
                    .hasMessageContaining("does not match the pinned")
                    .hasMessageContaining(fingerprint)
                    .hasMessageContaining(wrong);
        }
    }

    @Test
    void withoutAPinAndWithoutTrustOnFirstUseTheCertificateIsRefusedButReported() {
        try (RouterClients clients = new RouterClients(TestRouters.quickOptions())) {
            assertThatThrownBy(() -> clients.session(pinned(null)).execute(Sentence.of("/system/identity/print")))
                    .isInstanceOfSatisfying(RouterTlsException.class,
                            e -> assertThat(e.seenSha256()).hasValue(fingerprint))
                    .hasMessageContaining("no fingerprint is pinned");
        }
    }

    @Test
    void trustOnFirstUseAcceptsTheCertificateAndReportsItsFingerprint() {
        List<String> reported = new CopyOnWriteArrayList<>();
        ClientOptions options = TestRouters.quickOptions()
                .withTrustOnFirstUse((endpoint, sha256) -> reported.add(endpoint.address() + " " + sha256));
        try (RouterClients clients = new RouterClients(options)) {
            RouterSession session = clients.session(pinned(null));
            assertThat(session.execute(Sentence.of("/system/identity/print")).rows()).hasSize(1);
            assertThat(reported).containsExactly("127.0.0.1:" + emulator.tlsPort() + " " + fingerprint);
            assertThat(session.certificateSha256()).hasValue(fingerprint);
        }
    }

    @Test
    void aPlainClientOnTheTlsPortFailsWithinTheTimeoutInsteadOfHanging() {
        RouterEndpoint confused = RouterEndpoint.plain("127.0.0.1", emulator.tlsPort(), TestRouters.USER,
                TestRouters.PASSWORD);
        long started = System.nanoTime();
        try (RouterClients clients = new RouterClients(TestRouters.quickOptions())) {
            assertThatThrownBy(() -> clients.session(confused).execute(Sentence.of("/system/identity/print")))
                    .isInstanceOf(RouterOsException.class);
        }
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4000);
    }
}
