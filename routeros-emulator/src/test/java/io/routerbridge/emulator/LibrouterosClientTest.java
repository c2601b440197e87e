package io.routerbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An independent client (Debian's python3-librouteros) against the emulator, plain and TLS. */
class LibrouterosClientTest {
    private static final String PYTHON = "/usr/bin/python3";

    @ParameterizedTest(name = "RouterOS {0}")
    @ValueSource(strings = {"7.19", "7.17"})
    void librouterosTalksToTheEmulator(String rosVersion, @TempDir Path tmp) throws Exception {
        requireLibrouteros();
        try (RouterOsEmulator emu = RouterOsEmulator.start(EmulatorConfig.builder().user("admin")
                .password("py-pass").rosVersion(rosVersion).tls(true).build())) {
            Path ca = tmp.resolve("ca.pem");
            Files.writeString(ca, emu.tlsCertificatePem());
            Path script = Path.of("src/test/python/librouteros_check.py").toAbsolutePath();
            Process p = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(emu.apiPort()),
                    Integer.toString(emu.tlsPort()), ca.toString(), "py-pass").redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("librouteros script timed out");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).contains("ok: tls MultiTrapError for an unknown command",
                    "ok: plain empty print (with !empty on 7.18+)", "ALL OK");
            assertThat(emu.state().rows("/ip/address")).isEmpty();
        }
    }

    private static void requireLibrouteros() throws Exception {
        boolean available;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import librouteros").redirectErrorStream(true).start();
            available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            available = false;
        }
        if (!available) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(PYTHON + " cannot import librouteros (install python3-librouteros); required when CI=true");
            }
            Assumptions.abort(PYTHON + " with librouteros is not available");
        }
    }
}
