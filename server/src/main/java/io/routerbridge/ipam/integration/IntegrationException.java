package io.routerbridge.ipam.integration;

import io.routerbridge.ipam.IpamException;

/** An integration could not be reached or refused a change; IPAM's own state is unaffected. */
public class IntegrationException extends IpamException {
    private final String integration;

    public IntegrationException(String integration, String message) {
        super(integration + ": " + message);
        this.integration = integration;
    }

    public String integration() {
        return integration;
    }
}
