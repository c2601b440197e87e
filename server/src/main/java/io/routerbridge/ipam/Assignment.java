package io.routerbridge.ipam;

import java.time.Instant;

/**
 * An address or prefix block held by a WHMCS service (tblhosting.id). {@code address} is the canonical
 * text: "192.0.2.10" for a single address, "10.8.0.16/29" or "2001:db8:0:5::/64" for a block.
 */
public record Assignment(long id, long poolId, long subnetId, long serviceId, AddressFamily family, String address,
                         int prefixLength, AddressRange range, AssignmentStatus status, Instant assignedAt,
                         Instant releasedAt, Instant reusableAt) {

    public Assignment withId(long newId) {
        return new Assignment(newId, poolId, subnetId, serviceId, family, address, prefixLength, range, status,
                assignedAt, releasedAt, reusableAt);
    }

    /** The first address of the block without prefix length, e.g. "10.8.0.16". */
    public String firstAddress() {
        return family.toAddress(range.first()).toCanonicalString();
    }

    public boolean isSingleAddress() {
        return prefixLength == family.bits();
    }
}
