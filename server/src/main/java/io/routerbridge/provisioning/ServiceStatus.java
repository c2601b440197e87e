package io.routerbridge.provisioning;

/** The lifecycle state a service is meant to be in; it decides which objects it has on the router. */
public enum ServiceStatus {
    ACTIVE,
    SUSPENDED,
    TERMINATED
}
