package io.routerbridge.whmcs.client;

import io.routerbridge.errors.NotFoundException;

/**
 * The one ownership check of the client area: a service is the client's iff its tblhosting row has
 * {@code userid = clientId}. Another client's service and a service that does not exist get the same
 * answer, so nothing about other clients' services can be learned.
 */
public final class ServiceOwnership {
    public static final String NO_SUCH_SERVICE = "no such service";

    private final ClientServiceRepository services;

    public ServiceOwnership(ClientServiceRepository services) {
        this.services = services;
    }

    public OwnedService require(long clientId, long serviceId) {
        if (!services.isServiceOf(clientId, serviceId)) {
            throw new NotFoundException(NO_SUCH_SERVICE, "serviceId");
        }
        return new OwnedService(clientId, serviceId);
    }
}
