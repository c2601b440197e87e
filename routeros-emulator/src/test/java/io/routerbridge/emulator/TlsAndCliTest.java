package io.routerbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlsAndCliTest {
    @Test
    void apiSslServesThePublishedCertificateAndTheSameProtocol() throws Exception {
        try (RouterOsEmulator emu = RouterOsEmulator.start(EmulatorConfig.builder().password("pw").tls(true)
                .build())) {
            X509Certificate pemCert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(emu.tlsCertificatePem()
                            .getBytes(StandardCharsets.US_ASCII)));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pemCert.getEncoded())))
                    .isEqualTo(emu.tlsCertificateSha256()).matches("[0-9a-f]{64}");
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("emu", pemCert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", emu.tlsPort());
            socket.startHandshake();
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(served).isEqualTo(pemCert);
            try (RawApiClient c = new RawApiClient(socket)) {
                assertThat(c.call("/login", "=name=admin", "=password=pw")).containsExactly(List.of("!done"));
                // one byte per TLS record: words split across records
                byte[] bytes = RawApiClient.encode(List.of("/ppp/secret/add", "=name=tls-user"), 0);
                for (byte b : bytes) {
                    c.sendRaw(new byte[] {b});
                }
                assertThat(c.read().get(0)).isEqualTo("!done");
                assertThat(c.rows("/ppp/secret/print", "?name=tls-user")).hasSize(1);
            }
            assertThat(emu.stats().connections()).anySatisfy(s -> assertThat(s.tls()).isTrue());
        }
    }

    @Test
    void withoutTlsThereIsNoCertificate() {
        try (RouterOsEmulator emu = RouterOsEmulator.start(EmulatorConfig.builder().password("pw").build())) {
            assertThat(emu.tlsPort()).isEqualTo(-1);
            assertThat(emu.controlPort()).isEqualTo(-1);
            assertThatThrownBy(emu::tlsCertificateSha256).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--port 8728 --user admin", "--port x --user a --password b",
            "--port 8728 --user a --password b --latency-ms -1", "--port 8728 --user a --password b --bogus 1",
            "--port 70000 --user a --password b", "--port 1 --user a --password b --ros-version seven",
            "--port 1 --user a --password"})
    void badArgumentsAreRejected(String args) {
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
        assertThatThrownBy(() -> EmulatorMain.parse(argv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    @Test
    void goodArgumentsAreParsed() {
        EmulatorConfig c = EmulatorMain.parse(("--port 0 --user admin --password PASS --tls-port 0 "
                + "--ros-version 7.17 --latency-ms 10 --control-port 0").split(" "));
        assertThat(c.user()).isEqualTo("admin");
        assertThat(c.password()).isEqualTo("PASS");
        assertThat(c.tls()).isTrue();
        assertThat(c.controlPort()).isTrue();
        assertThat(c.latencyMs()).isEqualTo(10);
        assertThat(c.sendsEmpty()).isFalse();
    }

    @Test
    void theCommandLineExitsWith2AndOneLineOnBadArguments() throws Exception {
        Process p = java("--port", "8728", "--user", "admin");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.strip()).contains("--password is required").doesNotContain("\n");
    }

    @Test
    void theCommandLinePrintsItsPortsAndServes() throws Exception {
        Process p = java("--port", "0", "--user", "admin", "--password", "pw", "--control-port", "0");
        try {
            String line = readLine(p.getInputStream());
            assertThat(line).matches("routeros-emulator listening: api=\\d+ control=\\d+ ros-version=7\\.19");
            int port = Integer.parseInt(line.replaceAll(".*api=(\\d+).*", "$1"));
            try (RawApiClient c = RawApiClient.login(port, "admin", "pw")) {
                assertThat(c.rows("/system/identity/print")).hasSize(1);
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            sb.append((char) b);
        }
        return sb.toString();
    }
}
