package io.routerbridge.whmcs;

import io.routerbridge.crypto.RequestSigner;
import io.routerbridge.errors.UnauthorizedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks one request of the signed channel: headers well formed, timestamp within the window
 * (both directions), signature matching (constant time), and only then the nonce unseen. During a rotation of the
 * shared secret a signature made with either accepted secret matches; the nonce check is the same for both.
 */
public final class SignatureVerifier {
    public static final Duration WINDOW = Duration.ofSeconds(300);
    /** A nonce can only be replayed while its timestamp is inside the window, i.e. up to 2 windows after receipt. */
    public static final Duration NONCE_RETENTION = WINDOW.multipliedBy(2);

    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");

    private final List<RequestSigner> accepted;
    private final NonceRepository nonces;
    private final Clock clock;

    public SignatureVerifier(RequestSigner signer, NonceRepository nonces, Clock clock) {
        this(List.of(signer), nonces, clock);
    }

    /** {@code accepted}: one signer per accepted shared secret (the current one, then the previous one if any). */
    public SignatureVerifier(List<RequestSigner> accepted, NonceRepository nonces, Clock clock) {
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("at least one shared secret must be accepted");
        }
        this.accepted = List.copyOf(accepted);
        this.nonces = nonces;
        this.clock = clock;
    }

    public void verify(String method, String pathAndQuery, String timestamp, String nonce, String signature,
                       byte[] body) {
        require(timestamp, TIMESTAMP, RequestSigner.TIMESTAMP_HEADER, "Unix seconds");
        require(nonce, NONCE, RequestSigner.NONCE_HEADER, "32 lowercase hex characters");
        require(signature, SIGNATURE, RequestSigner.SIGNATURE_HEADER, "64 lowercase hex characters");
        Instant now = clock.instant();
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
        if (skew > WINDOW.toSeconds()) {
            throw new UnauthorizedException("request timestamp is " + skew + " s away from the service clock (limit "
                    + WINDOW.toSeconds() + " s); check the clocks of WHMCS and the service");
        }
        if (!matchesAnAcceptedSecret(signature, method, pathAndQuery, timestamp, nonce, body)) {
            throw new UnauthorizedException("signature does not match; check that WHMCS and the service share the same secret");
        }
        if (!nonces.remember(nonce, now)) {
            throw new UnauthorizedException("nonce already used: request replay refused");
        }
    }

    /** Every accepted secret is tried, whichever matches, so the time taken does not tell which one did. */
    private boolean matchesAnAcceptedSecret(String signature, String method, String pathAndQuery, String timestamp,
                                            String nonce, byte[] body) {
        boolean matched = false;
        for (RequestSigner signer : accepted) {
            matched |= signer.matches(signature, method, pathAndQuery, timestamp, nonce, body);
        }
        return matched;
    }

    /** Forgets nonces that can no longer be replayed anyway; returns how many were removed. */
    public int purgeExpiredNonces() {
        return nonces.purgeReceivedBefore(clock.instant().minus(NONCE_RETENTION));
    }

    private static void require(String value, Pattern format, String header, String expected) {
        if (value == null || value.isEmpty()) {
            throw new UnauthorizedException("unsigned request: header " + header + " is missing");
        }
        if (!format.matcher(value).matches()) {
            throw new UnauthorizedException("malformed header " + header + ": expected " + expected);
        }
    }
}
