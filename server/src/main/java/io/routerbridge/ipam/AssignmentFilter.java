package io.routerbridge.ipam;

/** Which assignments to list; null fields do not filter. At most {@code limit} rows, oldest first. */
public record AssignmentFilter(Long poolId, Long subnetId, Long serviceId, AssignmentStatus status, int limit) {

    public static AssignmentFilter all(int limit) {
        return new AssignmentFilter(null, null, null, null, limit);
    }
}
