package io.routerbridge.ipam.configuration;

import java.time.Instant;

/** One target (a product, server, addon or option value) drawing from one pool, or from every pool of a subnet. */
public record Relation(long id, long configurationId, RelationType type, long targetId, Long poolId, Long subnetId,
                       Instant createdAt) {
}
