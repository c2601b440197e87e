package io.routerbridge.fleet;

import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.fleet.RouterRepository.StoredRouter;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The routers the service knows, with their credentials decrypted only in memory. WHMCS hands a
 * server's decrypted password in every module call; {@link #upsertFromWhmcs} keeps our encrypted copy
 * current so background jobs (reconcile, expiry) can reach the router without WHMCS.
 */
public final class RouterRegistry {
    private final RouterRepository repository;
    private final CredentialCipher cipher;
    private final Clock clock;

    public RouterRegistry(RouterRepository repository, CredentialCipher cipher, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Records or refreshes the router behind a WHMCS server. Writes nothing when nothing changed
     * (the common case, as this runs at every module call); a changed host or port forgets the pinned
     * TLS fingerprint. A port of 0 or less means the API default (8729 with TLS, else 8728).
     */
    public Router upsertFromWhmcs(int whmcsServerId, String host, int port, boolean secure, String username,
                                  String password) {
        if (whmcsServerId <= 0) {
            throw new InvalidInputException("serverid must be a positive whole number", "serverid");
        }
        String cleanHost = host == null ? "" : host.strip();
        if (cleanHost.isEmpty()) {
            throw new InvalidInputException("the WHMCS server has neither a hostname nor an IP address", "serverhostname");
        }
        if (username == null || username.isBlank()) {
            throw new InvalidInputException("the WHMCS server has no username for the router API", "serverusername");
        }
        int apiPort = port > 0 ? port : (secure ? Router.DEFAULT_API_TLS_PORT : Router.DEFAULT_API_PORT);
        if (apiPort > 65535) {
            throw new InvalidInputException("serverport must be between 1 and 65535", "serverport");
        }
        String pass = password == null ? "" : password;

        Optional<StoredRouter> existing = repository.findByWhmcsServer(whmcsServerId);
        if (existing.isPresent() && unchanged(existing.get(), cleanHost, apiPort, secure, username, pass)) {
            return decrypted(existing.get());
        }
        String fingerprint = existing
                .filter(r -> r.host().equals(cleanHost) && r.apiPort() == apiPort)
                .map(StoredRouter::tlsFingerprintSha256)
                .orElse(null);
        repository.upsertByWhmcsServer(whmcsServerId, cleanHost, apiPort, secure, fingerprint, username,
                cipher.encrypt(pass), clock.instant());
        return findByWhmcsServer(whmcsServerId).orElseThrow();
    }

    public Optional<Router> find(int id) {
        return repository.find(id).map(this::decrypted);
    }

    public Optional<Router> findByWhmcsServer(int whmcsServerId) {
        return repository.findByWhmcsServer(whmcsServerId).map(this::decrypted);
    }

    public List<Router> all() {
        return repository.all().stream().map(this::decrypted).toList();
    }

    /** Pins (trust on first use) or replaces the router's TLS certificate fingerprint. */
    public void pinTlsFingerprint(int routerId, String fingerprintSha256) {
        if (fingerprintSha256 == null || !fingerprintSha256.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException("TLS fingerprint must be 64 lowercase hex characters (SHA-256)",
                    "tlsFingerprintSha256");
        }
        repository.setTlsFingerprint(routerId, fingerprintSha256, clock.instant());
    }

    private boolean unchanged(StoredRouter stored, String host, int apiPort, boolean tls, String username,
                              String password) {
        if (!stored.host().equals(host) || stored.apiPort() != apiPort || stored.tls() != tls
                || !stored.username().equals(username) || cipher.needsReencryption(stored.passwordCiphertext())) {
            return false;
        }
        try {
            return Objects.equals(cipher.decrypt(stored.passwordCiphertext()), password);
        } catch (CredentialCipher.CredentialException unreadable) {
            return false;
        }
    }

    private Router decrypted(StoredRouter stored) {
        return new Router(stored.id(), stored.whmcsServerId(), stored.name(), stored.host(), stored.apiPort(),
                stored.tls(), stored.tlsFingerprintSha256(), stored.username(), cipher.decrypt(stored.passwordCiphertext()),
                stored.createdAt(), stored.updatedAt());
    }
}
