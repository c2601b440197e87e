package io.routerbridge.ipam.exchange;

/**
 * A pool as it appears in an exchange file. {@code subnet} is the CIDR of its subnet, {@code kind} is
 * "address" or "prefix", {@code prefixLength} is set for prefix pools only, {@code range} is "a-b".
 */
public record PoolEntry(String name, String subnet, String kind, Integer prefixLength, String range,
                        long quarantineSeconds) {
}
