package io.routerbridge.lifecycle.web;

import io.routerbridge.lifecycle.VpnUserRecord;
import java.util.List;

/** A VPN user as the API shows it; the password is never shown. */
record VpnUserView(long id, long serviceId, String name, String remoteAddress, boolean disabled) {
    static VpnUserView of(VpnUserRecord user) {
        return new VpnUserView(user.id(), user.serviceId(), user.name(), user.remoteAddress(), user.disabled());
    }

    static List<VpnUserView> of(List<VpnUserRecord> users) {
        return users.stream().map(VpnUserView::of).toList();
    }
}
