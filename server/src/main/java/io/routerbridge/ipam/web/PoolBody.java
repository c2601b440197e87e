package io.routerbridge.ipam.web;

import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.PoolKind;
import java.time.Duration;

/** POST /api/v1/pools. {@code kind} is "address" (default) or "prefix"; {@code range} defaults to the whole subnet. */
record PoolBody(String name, Long subnetId, String kind, Integer prefixLength, String range, Long quarantineSeconds) {
    static final long MAX_QUARANTINE_SECONDS = 10L * 366 * 24 * 3600;

    NewPool toNewPool() {
        ApiRequests.required(name, "name");
        long subnet = ApiRequests.requiredId(subnetId, "subnetId");
        PoolKind poolKind = kind == null ? PoolKind.ADDRESS : ApiRequests.enumValue(kind, "kind", PoolKind.class);
        long seconds = quarantineSeconds == null ? 0 : quarantineSeconds;
        if (seconds < 0 || seconds > MAX_QUARANTINE_SECONDS) {
            throw new InvalidInputException("quarantineSeconds must be between 0 and " + MAX_QUARANTINE_SECONDS,
                    "quarantineSeconds");
        }
        return new NewPool(name, subnet, poolKind, prefixLength, range, Duration.ofSeconds(seconds));
    }
}
