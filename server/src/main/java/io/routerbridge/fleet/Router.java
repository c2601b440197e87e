package io.routerbridge.fleet;

import java.time.Instant;
import java.util.Optional;

/**
 * A router the service talks to. The password is the decrypted one, held only in memory; it never
 * appears in toString.
 */
public record Router(int id, Integer whmcsServerId, String name, String host, int apiPort, boolean tls,
                     String tlsFingerprintSha256, String username, String password, Instant createdAt,
                     Instant updatedAt) {
    public static final int DEFAULT_API_PORT = 8728;
    public static final int DEFAULT_API_TLS_PORT = 8729;

    public Optional<Integer> whmcsServer() {
        return Optional.ofNullable(whmcsServerId);
    }

    public Optional<String> tlsFingerprint() {
        return Optional.ofNullable(tlsFingerprintSha256);
    }

    @Override
    public String toString() {
        return "Router[id=" + id + ", whmcsServerId=" + whmcsServerId + ", name=" + name + ", host=" + host
                + ", apiPort=" + apiPort + ", tls=" + tls + ", username=" + username + ", password=******]";
    }
}
