package io.routerbridge.ipam.netbox;

import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.integration.IpamIntegration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongToIntFunction;

/**
 * Mirrors assignments into NetBox. A single address becomes an IP address object carrying its subnet's
 * mask ("10.0.0.5/24"); a prefix block becomes a prefix object. On assign the object is created, or
 * set back to active when NetBox already has it; on unassign it is set to deprecated (or deleted, see
 * {@link NetBoxReleaseMode}), and left alone when NetBox does not have it.
 */
public final class NetBoxPush implements IpamIntegration {
    private final NetBoxClient client;
    private final LongToIntFunction subnetPrefixLength;
    private final NetBoxReleaseMode releaseMode;

    /** {@code subnetPrefixLength} gives a subnet's prefix length by id, e.g. {@code id -> subnets.get(id).prefixLength()}. */
    public NetBoxPush(NetBoxClient client, LongToIntFunction subnetPrefixLength, NetBoxReleaseMode releaseMode) {
        this.client = client;
        this.subnetPrefixLength = subnetPrefixLength;
        this.releaseMode = releaseMode;
    }

    @Override
    public String name() {
        return "netbox";
    }

    @Override
    public boolean addIp(Assignment assignment) {
        String collection = collection(assignment);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", "active");
        fields.put("description", "routerbridge service " + assignment.serviceId());
        Optional<NetBoxObject> existing = find(assignment);
        if (existing.isPresent()) {
            client.update(collection, existing.get().id(), fields);
        } else {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put(assignment.isSingleAddress() ? "address" : "prefix", netBoxValue(assignment));
            created.putAll(fields);
            client.create(collection, created);
        }
        return true;
    }

    @Override
    public boolean removeIp(Assignment assignment) {
        Optional<NetBoxObject> existing = find(assignment);
        if (existing.isEmpty()) {
            return true;
        }
        switch (releaseMode) {
            case DEPRECATE -> client.update(collection(assignment), existing.get().id(), Map.of("status", "deprecated"));
            case DELETE -> client.delete(collection(assignment), existing.get().id());
        }
        return true;
    }

    private Optional<NetBoxObject> find(Assignment assignment) {
        return assignment.isSingleAddress()
                ? client.findIpAddress(assignment.firstAddress())
                : client.findPrefix(assignment.address());
    }

    private static String collection(Assignment assignment) {
        return assignment.isSingleAddress() ? NetBoxClient.IP_ADDRESSES : NetBoxClient.PREFIXES;
    }

    private String netBoxValue(Assignment assignment) {
        return assignment.isSingleAddress()
                ? assignment.firstAddress() + "/" + subnetPrefixLength.applyAsInt(assignment.subnetId())
                : assignment.address();
    }
}
