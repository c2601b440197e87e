package io.routerbridge.ipam;

public enum AssignmentStatus {
    /** Held by the service. */
    ASSIGNED,
    /** Released but kept out of use until its quarantine ends. */
    QUARANTINED,
    /** Free again; kept as history. */
    RELEASED
}
