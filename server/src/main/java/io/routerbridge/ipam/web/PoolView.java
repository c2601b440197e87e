package io.routerbridge.ipam.web;

import io.routerbridge.ipam.Pool;
import java.util.List;
import java.util.Locale;

/** A pool as the REST API shows it: {@code prefixLength} is the length of the blocks it hands out. */
record PoolView(long id, String name, long subnetId, int family, String kind, int prefixLength, String range,
                long quarantineSeconds) {

    static PoolView of(Pool pool) {
        return new PoolView(pool.id(), pool.name(), pool.subnetId(), pool.family().code(),
                pool.kind().name().toLowerCase(Locale.ROOT), pool.blockPrefixLength(),
                RangeText.of(pool.family(), pool.range()), pool.quarantine().toSeconds());
    }

    static List<PoolView> of(List<Pool> pools) {
        return pools.stream().map(PoolView::of).toList();
    }
}
