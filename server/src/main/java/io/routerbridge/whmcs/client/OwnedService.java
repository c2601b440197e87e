package io.routerbridge.whmcs.client;

/**
 * A WHMCS service (tblhosting.id) known to belong to a client (tblhosting.userid). Only
 * {@link ServiceOwnership} makes these, so holding one is proof that the check was done.
 */
public final class OwnedService {
    private final long clientId;
    private final long serviceId;

    OwnedService(long clientId, long serviceId) {
        this.clientId = clientId;
        this.serviceId = serviceId;
    }

    public long clientId() {
        return clientId;
    }

    public long serviceId() {
        return serviceId;
    }

    @Override
    public String toString() {
        return "service " + serviceId + " of client " + clientId;
    }
}
