package io.routerbridge.ipam.orphans;

/** What releasing one assignment did. {@code released} is false when it was not (or no longer) releasable. */
public record ReleaseResult(long assignmentId, Long serviceId, String address, boolean released,
                            boolean clearedInWhmcs, String detail) {
}
