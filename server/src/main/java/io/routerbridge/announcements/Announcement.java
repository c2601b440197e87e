package io.routerbridge.announcements;

import io.routerbridge.provisioning.AnnouncedAddresses;

/** One recorded announcement: a service's address or block, on a router, in a list, with an optional gateway interface. */
record Announcement(long id, int routerId, long serviceId, String address, String addressList,
                    String gatewayInterface) {

    AnnouncedAddresses.Entry entry() {
        return new AnnouncedAddresses.Entry(address, addressList, gatewayInterface);
    }
}
