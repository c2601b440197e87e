package io.routerbridge.api;

import java.time.Instant;

/** A REST API key as stored: never its secret. {@code keyId} is the public part of the key text. */
public record ApiKey(long id, String name, String keyId, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
