package io.routerbridge.ipam;

import java.time.Duration;
import java.time.Instant;

/**
 * An address or prefix block held by a WHMCS service (tblhosting.id). {@code address} is the canonical
 * text: "192.0.2.10" for a single address, "10.8.0.16/29" or "2001:db8:0:5::/64" for a block.
 */
public record Assignment(long id, long poolId, long subnetId, long serviceId, AddressFamily family, String address,
                         int prefixLength, AddressRange range, AssignmentStatus status, Instant assignedAt,
                         Instant releasedAt, Instant reusableAt) {

    /** A block of the pool newly held by the service, not stored yet (id 0). */
    public static Assignment assigned(Pool pool, long serviceId, AddressRange block, int prefixLength, Instant at) {
        return new Assignment(0, pool.id(), pool.subnetId(), serviceId, pool.family(),
                pool.family().format(block.first(), prefixLength), prefixLength, block, AssignmentStatus.ASSIGNED, at,
                null, null);
    }

    /**
     * This block released at {@code at}: quarantined until the quarantine is over, or released (free again)
     * at once when there is none.
     */
    public Assignment releasedAt(Instant at, Duration quarantine) {
        return quarantine.isZero()
                ? new Assignment(id, poolId, subnetId, serviceId, family, address, prefixLength, range,
                AssignmentStatus.RELEASED, assignedAt, at, reusableAt)
                : new Assignment(id, poolId, subnetId, serviceId, family, address, prefixLength, range,
                AssignmentStatus.QUARANTINED, assignedAt, at, at.plus(quarantine));
    }

    /** This quarantined block free again. */
    public Assignment quarantineOver() {
        return new Assignment(id, poolId, subnetId, serviceId, family, address, prefixLength, range,
                AssignmentStatus.RELEASED, assignedAt, releasedAt, reusableAt);
    }

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
