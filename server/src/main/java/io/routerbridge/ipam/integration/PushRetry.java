package io.routerbridge.ipam.integration;

import io.routerbridge.ipam.Assignment;
import java.time.Instant;

/**
 * A push to one integration that has not been delivered yet: {@code operation} is "addIp" or "removeIp" of
 * {@code assignment} as it was when the push failed. {@code revision} changes whenever a newer intent replaces it.
 */
public record PushRetry(long id, String integration, String operation, Assignment assignment, int revision,
                        int attempts, String lastError, Instant firstFailedAt, Instant nextRetryAt) {
}
