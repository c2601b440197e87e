package io.routerbridge.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Mode {@code static} (seed 002): a simple queue with the package rate for the assigned IP. Suspended: the IP
 * also goes into the {@value #SUSPENDED_LIST} address list, which one shared forward drop rule blocks, and its
 * tracked connections are dropped so established flows stop too.
 */
public record StaticSubscriber(String serviceId, String ip, String rateLimit, ServiceStatus status)
        implements ServiceSpec {

    public static final String SUSPENDED_LIST = "rb-suspended";

    public StaticSubscriber {
        Addresses.requireText("service id", serviceId);
        Addresses.host("IP", ip);
        if (!ValueNormalizer.isRatePair(rateLimit)) {
            throw new IllegalArgumentException("rate limit must look like 10M/10M: " + rateLimit);
        }
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }

    @Override
    public List<RouterObject> objects() {
        if (status == ServiceStatus.TERMINATED) {
            return List.of();
        }
        var host = Addresses.host("IP", ip);
        List<RouterObject> objects = new ArrayList<>();
        objects.add(RouterObject.of(Menu.QUEUE_SIMPLE, OwnershipMarker.of(serviceId, "static-queue"),
                "name", "rb-" + serviceId, "target", Addresses.text(host) + "/" + host.getBitCount(),
                "max-limit", rateLimit));
        if (status == ServiceStatus.SUSPENDED) {
            objects.add(RouterObject.of(Menu.ADDRESS_LIST, OwnershipMarker.of(serviceId, "suspended"),
                    "list", SUSPENDED_LIST, "address", Addresses.text(host)));
        }
        return objects;
    }

    @Override
    public List<RouterObject> sharedObjects() {
        if (status == ServiceStatus.TERMINATED) {
            return List.of();
        }
        return List.of(blockSuspendedRule());
    }

    /** The one forward drop rule for {@value #SUSPENDED_LIST}, shared by every static subscriber of a router. */
    public static RouterObject blockSuspendedRule() {
        return RouterObject.of(Menu.FILTER, OwnershipMarker.of(OwnershipMarker.SHARED_OWNER, "block-suspended"),
                "chain", "forward", "action", "drop", "src-address-list", SUSPENDED_LIST);
    }

    @Override
    public List<String> liveNetworks() {
        var host = Addresses.host("IP", ip);
        return status == ServiceStatus.ACTIVE ? List.of(Addresses.text(host) + "/" + host.getBitCount()) : List.of();
    }

    @Override
    public Teardown teardown() {
        if (status != ServiceStatus.SUSPENDED) {
            return Teardown.none();
        }
        var host = Addresses.host("IP", ip);
        return new Teardown(Set.of(), List.of(Addresses.text(host) + "/" + host.getBitCount()));
    }
}
