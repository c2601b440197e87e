package io.routerbridge.provisioning;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Addresses IPAM assigned to a service of another module (a Proxmox VPS, a cPanel account), made known on a
 * router: each address or block in an address list and, for a routed block when an interface is given, the
 * block's gateway (its first usable address) on that interface so the block is reachable.
 *
 * <p>The owner is {@code ipam-<service id>}: it names the WHMCS service like the lifecycle's numeric owners do, but
 * can never be one of them, so plans for the lifecycle's own services never look at these objects. The marker key
 * is the address or block, which tells the entries of one service apart.
 */
public record AnnouncedAddresses(String serviceId, List<Entry> entries) implements ServiceSpec {

    public static final String OWNER_PREFIX = "ipam-";
    public static final String LISTED_ROLE = "listed";
    public static final String GATEWAY_ROLE = "gateway";

    /** One IPv4 address ("192.0.2.10") or block ("192.0.2.16/29") in a list, with an optional gateway interface. */
    public record Entry(String address, String addressList, String gatewayInterface) {
        public Entry {
            IPAddress parsed = ValueNormalizer.parse(address);
            if (parsed == null || !parsed.isIPv4()) {
                throw new IllegalArgumentException("an IPv4 address or block is required: " + address);
            }
            if (parsed.isPrefixed() && parsed.getNetworkPrefixLength() < parsed.getBitCount()) {
                Addresses.prefix("block", address);
            }
            Addresses.requireText("address list", addressList);
            if (gatewayInterface != null && gatewayInterface.isEmpty()) {
                gatewayInterface = null;
            }
        }

        /**
         * The gateway address with the block's length ({@code 192.0.2.17/29} for {@code 192.0.2.16/29}) when this is a
         * block with room for a gateway and a host (/30 or shorter); empty for single addresses and /31.
         */
        public Optional<String> gateway() {
            IPAddress parsed = ValueNormalizer.parse(address);
            if (!parsed.isPrefixed() || parsed.getNetworkPrefixLength() > parsed.getBitCount() - 2) {
                return Optional.empty();
            }
            IPAddress block = parsed.toPrefixBlock();
            IPAddress first = block.getLower().withoutPrefixLength().increment(1);
            return Optional.of(Addresses.text(first) + "/" + block.getNetworkPrefixLength());
        }
    }

    public AnnouncedAddresses {
        Addresses.requireText("service id", serviceId);
        entries = List.copyOf(entries);
    }

    /** The announcements of WHMCS service {@code whmcsServiceId}. */
    public static AnnouncedAddresses of(long whmcsServiceId, List<Entry> entries) {
        return new AnnouncedAddresses(OWNER_PREFIX + whmcsServiceId, entries);
    }

    @Override
    public ServiceStatus status() {
        return ServiceStatus.ACTIVE;
    }

    @Override
    public List<RouterObject> objects() {
        List<RouterObject> objects = new ArrayList<>();
        for (Entry entry : entries) {
            objects.add(RouterObject.of(Menu.ADDRESS_LIST, OwnershipMarker.of(serviceId, LISTED_ROLE, entry.address()),
                    "list", entry.addressList(), "address", entry.address()));
            if (entry.gatewayInterface() != null) {
                entry.gateway().ifPresent(gateway -> objects.add(RouterObject.of(Menu.IP_ADDRESS,
                        OwnershipMarker.of(serviceId, GATEWAY_ROLE, entry.address()),
                        "address", gateway, "interface", entry.gatewayInterface())));
            }
        }
        return objects;
    }

    @Override
    public Teardown teardown() {
        return Teardown.none();
    }
}
