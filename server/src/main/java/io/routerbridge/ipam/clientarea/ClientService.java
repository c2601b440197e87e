package io.routerbridge.ipam.clientarea;

import java.util.List;

/**
 * One WHMCS service of a client with its IPs: what IPAM assigned ({@code addresses}) and what tblhosting
 * shows ({@code dedicatedIp}, {@code assignedIps}). {@code routerManaged}: the product uses the routerbridge
 * server module, so its addresses are part of the router configuration and follow the service's lifecycle.
 */
public record ClientService(long serviceId, long clientId, String product, String domain, String status,
                            boolean routerManaged, String dedicatedIp, List<String> assignedIps,
                            List<HeldAddress> addresses) {
    public ClientService {
        assignedIps = List.copyOf(assignedIps);
        addresses = List.copyOf(addresses);
    }
}
