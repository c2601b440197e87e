package io.routerbridge.ipam.netbox;

import io.routerbridge.ipam.IpamException;

/** NetBox is asked for before its URL and token were configured. */
public class NetBoxNotConfiguredException extends IpamException {
    public NetBoxNotConfiguredException() {
        super("NetBox is not configured: set its URL and API token first (PUT /api/v1/netbox/settings)");
    }
}
