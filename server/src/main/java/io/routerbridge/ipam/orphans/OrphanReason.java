package io.routerbridge.ipam.orphans;

/** Why an assignment no longer belongs to a live WHMCS service. */
public enum OrphanReason {
    SERVICE_MISSING, SERVICE_TERMINATED, SERVICE_CANCELLED, SERVICE_FRAUD, NOT_IN_WHMCS_FIELDS
}
