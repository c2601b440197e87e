package io.routerbridge.provisioning;

import java.util.List;

/** A service's desired state on its router: one of the product modes, or IPAM's announcements for another module. */
public sealed interface ServiceSpec permits VpnNatTenant, PppoeSubscriber, StaticSubscriber,
        AnnouncedAddresses {

    String serviceId();

    ServiceStatus status();

    /** Exactly the objects this service owns on the router in its current status (none when terminated). */
    List<RouterObject> objects();

    /** Router-wide objects this service relies on (owner {@link OwnershipMarker#SHARED_OWNER}). */
    default List<RouterObject> sharedObjects() {
        return List.of();
    }

    /** Sessions and connections that must be gone once the configuration is applied. */
    Teardown teardown();

    /**
     * Networks this service is actively using (its prefix or address while active). Another service's teardown
     * never drops connections in them, so a prefix reused by a new tenant is safe from the old tenant's cleanup.
     */
    default List<String> liveNetworks() {
        return List.of();
    }
}
