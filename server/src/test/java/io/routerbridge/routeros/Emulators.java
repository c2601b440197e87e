package io.routerbridge.routeros;

import io.routerbridge.emulator.EmulatorConfig;
import io.routerbridge.emulator.RouterOsEmulator;
import java.util.function.UnaryOperator;

/** Emulators for the client's integration tests: RouterOS 7.19, the test user, ephemeral ports. */
final class Emulators {
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
}
