package io.routerbridge.ipam;

import java.time.Duration;

/**
 * What an operator asks for when adding a pool. {@code range} is null for the whole subnet, or
 * "first-last" / a CIDR block inside it. {@code prefixLength} is the block length handed out by
 * {@link IpAllocator#allocate} for prefix pools (ignored for address pools). {@code quarantine} keeps
 * released blocks out of use for that long (null or zero: immediate reuse).
 */
public record NewPool(String name, long subnetId, PoolKind kind, Integer prefixLength, String range,
                      Duration quarantine) {

    public static NewPool addresses(String name, long subnetId) {
        return new NewPool(name, subnetId, PoolKind.ADDRESS, null, null, Duration.ZERO);
    }

    public static NewPool prefixes(String name, long subnetId, int prefixLength) {
        return new NewPool(name, subnetId, PoolKind.PREFIX, prefixLength, null, Duration.ZERO);
    }

    public NewPool withRange(String poolRange) {
        return new NewPool(name, subnetId, kind, prefixLength, poolRange, quarantine);
    }

    public NewPool withQuarantine(Duration period) {
        return new NewPool(name, subnetId, kind, prefixLength, range, period);
    }
}
