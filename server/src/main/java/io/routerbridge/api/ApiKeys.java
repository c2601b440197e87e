package io.routerbridge.api;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.errors.TooManyRequestsException;
import io.routerbridge.errors.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Issues, verifies and revokes REST API keys.
 *
 * <p>A key reads {@code rbk_<keyId>_<secret>}: 8 random bytes of public key id (16 hex digits) that
 * find the row, and 32 random bytes of secret (base64url) of which only a bcrypt hash is stored.
 *
 * <p>bcrypt at cost {@value #BCRYPT_COST} takes tens of milliseconds, too slow for every request, so a
 * successful verification is remembered in memory for {@link #DEFAULT_CACHE_TTL} (30 s) as a SHA-256
 * digest of the key (never the key itself). Within that window a request is checked against the digest
 * only. Revoking through {@link #revoke} in this process takes effect at once; a key revoked by another
 * process (the command line) keeps working here for at most the TTL.
 *
 * <p>Wrong secrets for a known key id cost a bcrypt run each, so after {@value #MAX_FAILURES} of them
 * within {@link #FAILURE_WINDOW} that key id is refused without checking (HTTP 429) until the window
 * ends. A client whose key was verified recently is answered from the cache and is not locked out.
 */
public final class ApiKeys {
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);
    static final int BCRYPT_COST = 10;
    private static final String PREFIX = "rbk_";
    private static final int KEY_ID_BYTES = 8;
    private static final int SECRET_BYTES = 32;
    private static final Pattern KEY_TEXT = Pattern.compile("rbk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final int MAX_NAME_LENGTH = 100;
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    private final ApiKeyRepository repository;
    private final Clock clock;
    private final Duration cacheTtl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Verified(ApiKey key, byte[] digest, Instant until) {
    }

    /** Wrong secrets presented for one key id since {@code since}. */
    private record Failures(int count, Instant since) {
    }

    public ApiKeys(ApiKeyRepository repository, Clock clock) {
        this(repository, clock, DEFAULT_CACHE_TTL);
    }

    public ApiKeys(ApiKeyRepository repository, Clock clock, Duration cacheTtl) {
        this.repository = repository;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    /** Creates a key; the returned text is the only copy of the secret. */
    public IssuedApiKey create(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("name is required", "name");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name is longer than " + MAX_NAME_LENGTH + " characters", "name");
        }
        String keyId = HexFormat.of().formatHex(randomBytes(KEY_ID_BYTES));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(SECRET_BYTES));
        String hash = BCrypt.withDefaults().hashToString(BCRYPT_COST, secret.toCharArray());
        ApiKey key = repository.insert(trimmed, keyId, hash, clock.instant());
        return new IssuedApiKey(key, PREFIX + keyId + "_" + secret);
    }

    /**
     * The key that the presented text belongs to.
     *
     * @throws UnauthorizedException when the text is not a key of ours, or the key is revoked
     */
    public ApiKey authenticate(String presented) {
        var match = presented == null ? null : KEY_TEXT.matcher(presented);
        if (match == null || !match.matches()) {
            throw new UnauthorizedException("invalid API key");
        }
        String keyId = match.group(1);
        byte[] digest = sha256(presented);
        Instant now = clock.instant();
        Verified cached = verified.get(keyId);
        if (cached != null && now.isBefore(cached.until()) && MessageDigest.isEqual(cached.digest(), digest)) {
            return cached.key();
        }
        Failures failed = failures.get(keyId);
        if (failed != null && failed.count() >= MAX_FAILURES && now.isBefore(failed.since().plus(FAILURE_WINDOW))) {
            long wait = Math.max(1, Duration.between(now, failed.since().plus(FAILURE_WINDOW)).toSeconds());
            throw new TooManyRequestsException("too many wrong secrets for API key " + keyId + "; try again in "
                    + wait + " s");
        }
        ApiKeyRepository.StoredKey stored = repository.findByKeyId(keyId)
                .orElseThrow(() -> new UnauthorizedException("invalid API key"));
        if (!BCrypt.verifyer().verify(match.group(2).toCharArray(), stored.secretHash()).verified) {
            failures.compute(keyId, (id, before) -> before == null || !now.isBefore(before.since().plus(FAILURE_WINDOW))
                    ? new Failures(1, now) : new Failures(before.count() + 1, before.since()));
            throw new UnauthorizedException("invalid API key");
        }
        failures.remove(keyId);
        if (stored.key().isRevoked()) {
            verified.remove(keyId);
            throw new UnauthorizedException("API key " + keyId + " is revoked");
        }
        repository.markUsed(stored.key().id(), now);
        verified.put(keyId, new Verified(stored.key(), digest, now.plus(cacheTtl)));
        return stored.key();
    }

    /** Revokes the key with this public id; false when there is no such unrevoked key. */
    public boolean revoke(String keyId) {
        verified.remove(keyId);
        boolean revoked = repository.revoke(keyId, clock.instant());
        verified.remove(keyId);
        return revoked;
    }

    public List<ApiKey> list() {
        return repository.list();
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
