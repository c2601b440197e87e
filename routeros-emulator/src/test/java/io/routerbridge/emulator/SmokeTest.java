package io.routerbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void loginAddPrint() throws Exception {
        try (RouterOsEmulator emu = RouterOsEmulator.start(EmulatorConfig.builder().user("admin").password("pw")
                .build());
             RawApiClient c = RawApiClient.login(emu.apiPort(), "admin", "pw")) {
            List<List<String>> r = c.call("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether2");
            assertThat(r).containsExactly(List.of("!done", "=ret=*1"));
            assertThat(c.rows("/ip/address/print")).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("network", "10.0.0.0")
                            .containsEntry("disabled", "false"));
            assertThat(emu.state().rows("/ip/address")).hasSize(1);
        }
    }
}
