package io.routerbridge.ipam.clientarea;

import java.util.List;

/** Every service of one client with its IPs, and whether the operator lets clients unassign them. */
public record ClientIpList(long clientId, boolean unassignAllowed, List<ClientService> services) {
    public ClientIpList {
        services = List.copyOf(services);
    }
}
