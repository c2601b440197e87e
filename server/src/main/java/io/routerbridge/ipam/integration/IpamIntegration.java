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

    void addIp(Assignment assignment);

    void removeIp(Assignment assignment);

    /**
     * True when the integration keeps its own record of what it failed to do and retries it (MikroTik converges
     * routers from desired-state rows); otherwise a failed push is queued in {@link PushRetries}.
     */
    default boolean retriesItself() {
        return false;
    }
}
