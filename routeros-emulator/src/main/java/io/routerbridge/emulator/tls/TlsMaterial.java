package io.routerbridge.emulator.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The API-SSL server identity: a supplied PKCS12 keystore or a self-signed certificate made by keytool. */
public final class TlsMaterial {
    private static final char[] GENERATED_PASSWORD = "routeros-emulator".toCharArray();
    private static volatile TlsMaterial generated;

    private final SSLContext context;
    private final X509Certificate certificate;

    private TlsMaterial(KeyStore keyStore, char[] password) throws GeneralSecurityException {
        String alias = Collections.list(keyStore.aliases()).stream()
                .filter(a -> {
                    try {
                        return keyStore.isKeyEntry(a);
                    } catch (GeneralSecurityException e) {
                        return false;
                    }
                })
                .findFirst().orElseThrow(() -> new GeneralSecurityException("keystore has no key entry"));
        this.certificate = (X509Certificate) keyStore.getCertificate(alias);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        this.context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
    }

    public static TlsMaterial fromKeystore(Path path, String password) throws IOException, GeneralSecurityException {
        char[] pw = password == null ? new char[0] : password.toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, pw);
        }
        return new TlsMaterial(ks, pw);
    }

    /**
     * A self-signed certificate for CN=routeros-emulator with SANs localhost, 127.0.0.1 and ::1,
     * generated once per JVM (keytool costs about a second).
     */
    public static TlsMaterial selfSigned() throws IOException, GeneralSecurityException {
        TlsMaterial m = generated;
        if (m == null) {
            synchronized (TlsMaterial.class) {
                m = generated;
                if (m == null) {
                    m = generate();
                    generated = m;
                }
            }
        }
        return m;
    }

    /**
     * Reuses the keystore a previous run left in the temp directory (keytool is slow on a busy machine),
     * otherwise runs the JDK's keytool and publishes its keystore atomically.
     */
    private static TlsMaterial generate() throws IOException, GeneralSecurityException {
        Path cached = Path.of(System.getProperty("java.io.tmpdir"),
                "routeros-emulator-api-ssl-" + System.getProperty("user.name", "user") + "-v1.p12");
        if (Files.isRegularFile(cached)) {
            try {
                TlsMaterial m = load(cached);
                m.certificate.checkValidity(new java.util.Date(System.currentTimeMillis() + 86_400_000L));
                return m;
            } catch (IOException | GeneralSecurityException e) {
                // unreadable or about to expire: make a new one
            }
        }
        Path dir = Files.createTempDirectory("routeros-emulator-tls");
        Path store = dir.resolve("api-ssl.p12");
        try {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "api-ssl", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=routeros-emulator",
                    "-validity", "3650", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", new String(GENERATED_PASSWORD), "-noprompt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + output.trim());
            }
            TlsMaterial m = load(store);
            try {
                Files.move(store, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // another process published one first, or the temp dir is odd: ours is still good to use
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the certificate", e);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }

    private static TlsMaterial load(Path store) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, GENERATED_PASSWORD);
        }
        return new TlsMaterial(ks, GENERATED_PASSWORD);
    }

    public SSLContext context() {
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String pem() {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
