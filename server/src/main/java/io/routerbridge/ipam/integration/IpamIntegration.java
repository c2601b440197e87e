package io.routerbridge.ipam.integration;

import io.routerbridge.ipam.Assignment;

/**
 * Something outside IPAM that must learn about assignments: NetBox, a webhook, a router. The
 * assignment flow calls {@link #addIp} after an assignment is committed and {@link #removeIp} after a
 * release is committed, so a failing integration never undoes or blocks IPAM's own state; it throws
 * {@link IntegrationException} with a message fit for an operator.
 */
public interface IpamIntegration {
    /** A short name for logs and error messages, e.g. "netbox". */
    String name();

    /** True when the integration was told; false when it is off or the assignment is none of its business. */
    boolean addIp(Assignment assignment);

    /** True when the integration was told; false when it is off or the assignment is none of its business. */
    boolean removeIp(Assignment assignment);

    /**
     * True when the integration keeps its own record of what it failed to do and retries it (MikroTik converges
     * routers from desired-state rows); otherwise a failed push is queued in {@link PushRetries}.
     */
    default boolean retriesItself() {
        return false;
    }
}
