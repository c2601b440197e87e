package io.routerbridge.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Mode {@code pppoe} (seed 002): one PPP secret whose profile comes from the package. Suspended: the secret is
 * disabled and moved to the disconnect profile, and the live session is kicked. Terminated: nothing on the router.
 * {@code remoteAddress} is optional (null lets the profile's pool choose).
 */
public record PppoeSubscriber(String serviceId, String username, String password, String profile,
                              String disconnectProfile, String remoteAddress, ServiceStatus status)
        implements ServiceSpec {

    public PppoeSubscriber {
        Addresses.requireText("service id", serviceId);
        Addresses.requireText("PPPoE username", username);
        Addresses.requireText("PPP profile", profile);
        Addresses.requireText("disconnect profile", disconnectProfile);
        if (password == null || status == null) {
            throw new IllegalArgumentException("password and status are required");
        }
        if (remoteAddress != null) {
            Addresses.host("remote address", remoteAddress);
        }
    }

    @Override
    public List<RouterObject> objects() {
        if (status == ServiceStatus.TERMINATED) {
            return List.of();
        }
        boolean suspended = status == ServiceStatus.SUSPENDED;
        List<String> attributes = new ArrayList<>(List.of("name", username, "password", password,
                "service", "pppoe", "profile", suspended ? disconnectProfile : profile));
        if (remoteAddress != null) {
            attributes.addAll(List.of("remote-address", Addresses.text(Addresses.host("remote address", remoteAddress))));
        }
        attributes.addAll(List.of("disabled", suspended ? "yes" : "no"));
        return List.of(RouterObject.of(Menu.PPP_SECRET, OwnershipMarker.of(serviceId, "pppoe-user"),
                attributes.toArray(String[]::new)));
    }

    @Override
    public Teardown teardown() {
        return status == ServiceStatus.ACTIVE ? Teardown.none() : new Teardown(Set.of(username), List.of());
    }
}
