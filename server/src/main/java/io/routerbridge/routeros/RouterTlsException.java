package io.routerbridge.routeros;

import java.util.Optional;

/** The TLS handshake failed, or the router's certificate does not match the pinned fingerprint. */
public class RouterTlsException extends RouterOsException {
    private final String seenSha256;

    public RouterTlsException(String message, String seenSha256, Throwable cause) {
        super(message, cause);
        this.seenSha256 = seenSha256;
    }

    /** SHA-256 (lower-case hex) of the certificate the router presented, when the handshake got that far. */
    public Optional<String> seenSha256() {
        return Optional.ofNullable(seenSha256);
    }
}
