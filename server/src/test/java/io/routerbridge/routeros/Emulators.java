package io.routerbridge.routeros;

import io.routerbridge.emulator.EmulatorConfig;
import io.routerbridge.emulator.RouterOsEmulator;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Emulators for the client's integration tests: RouterOS 7.19, the test user, ephemeral ports. */
final class Emulators {
    private static volatile boolean warm;

    private Emulators() {
    }

    static RouterOsEmulator start(UnaryOperator<EmulatorConfig.Builder> settings) {
        return RouterOsEmulator.start(settings.apply(EmulatorConfig.builder().user(TestRouters.USER).password(TestRouters.PASSWORD)
                .rosVersion("7.19")).build());
    }

    static RouterOsEmulator start() {
        return start(builder -> builder);
    }

    static RouterEndpoint plain(RouterOsEmulator emulator) {
        return RouterEndpoint.plain("127.0.0.1", emulator.apiPort(), TestRouters.USER, TestRouters.PASSWORD);
    }

    /**
     * Loads the emulator's and the client's classes once per JVM with generous timeouts, so tests with
     * deliberately short timeouts measure the protocol, not class loading on a busy machine.
     */
    static synchronized void warmUp() {
        if (warm) {
            return;
        }
        ClientOptions generous = ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(20))
                .withCommandTimeout(Duration.ofSeconds(20)).withKeepaliveInterval(null);
        try (RouterOsEmulator emulator = start(builder -> builder.tls(true).controlPort(true));
             RouterClients clients = new RouterClients(generous)) {
            clients.session(plain(emulator)).execute(TestRouters.addToList("warm", "192.0.2.1", ""));
            clients.session(RouterEndpoint.tls("127.0.0.1", emulator.tlsPort(), emulator.tlsCertificateSha256(),
                    TestRouters.USER, TestRouters.PASSWORD)).execute(Sentence.of("/system/identity/print"));
        }
        warm = true;
    }
}
