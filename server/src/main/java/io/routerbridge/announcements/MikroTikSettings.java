package io.routerbridge.announcements;

import io.routerbridge.ipam.IpamValidationException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which router learns IPAM's assignments (a routerbridge router, named by its WHMCS server id), the address list
 * they go into, and the interface that gets a routed block's gateway (none: no gateway addresses).
 */
public record MikroTikSettings(boolean enabled, int whmcsServerId, String addressList, String gatewayInterface) {
    public static final String DEFAULT_ADDRESS_LIST = "routerbridge-assigned";

    private static final Pattern LIST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+/-]{0,62}");
    /** Lists routerbridge's own modes manage (e.g. rb-suspended) start with this. */
    private static final String RESERVED_LIST_PREFIX = "rb-";

    public MikroTikSettings {
        if (whmcsServerId <= 0) {
            throw new IpamValidationException("router", "router must be the id of a WHMCS server of type routerbridge");
        }
        addressList = addressList == null || addressList.isBlank() ? DEFAULT_ADDRESS_LIST : addressList.strip();
        if (!LIST_NAME.matcher(addressList).matches()) {
            throw new IpamValidationException("addressList", "addressList must be 1 to 63 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit");
        }
        if (addressList.startsWith(RESERVED_LIST_PREFIX)) {
            throw new IpamValidationException("addressList", "addressList must not start with '" + RESERVED_LIST_PREFIX
                    + "': those lists belong to routerbridge's own services");
        }
        gatewayInterface = gatewayInterface == null || gatewayInterface.isBlank() ? null : gatewayInterface.strip();
        if (gatewayInterface != null && !INTERFACE_NAME.matcher(gatewayInterface).matches()) {
            throw new IpamValidationException("interface", "interface must be a RouterOS interface name such as "
                    + "ether2 or vlan100 (1 to 63 letters, digits, '.', '_', '@', '+', '/' or '-')");
        }
    }

    public Optional<String> gateway() {
        return Optional.ofNullable(gatewayInterface);
    }
}
