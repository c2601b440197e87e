package io.routerbridge.ipam.sync;

/** What the sync did with one address found in tblhosting. */
public enum SyncOutcome {
    /** Recorded as a new assignment of the service. */
    ASSIGNED,
    /** The service already holds exactly this block. */
    ALREADY_ASSIGNED,
    /** Outside every subnet we manage. */
    NOT_IN_ANY_SUBNET,
    /** Inside one of our subnets but outside its pools, so there is nothing to record it in. */
    OUTSIDE_POOLS,
    /** Another service holds (or quarantines) an overlapping block. */
    CONFLICT,
    /** Reserved or excluded space of the pool (network, gateway, broadcast, exclusions). */
    RESERVED,
    /** The service already holds another block in this pool (one block per service and pool). */
    SERVICE_HOLDS_OTHER,
    /** A block whose size the pool does not hand out (e.g. a /29 in a single-address pool). */
    WRONG_BLOCK_SIZE,
    /** Text that is neither an address nor an aligned CIDR block. */
    INVALID_TEXT,
    /** The service's status is not live and the sync was asked for live services only. */
    SKIPPED_STATUS
}
