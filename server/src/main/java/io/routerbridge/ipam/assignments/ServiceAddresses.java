package io.routerbridge.ipam.assignments;

import io.routerbridge.errors.ConflictException;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolExhaustedException;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.configuration.Configurations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assignment at PreModuleCreate (seed 001), for any product whatever its server module: one address per relation
 * to an address pool or subnet (a subnet's pools are alternatives, the first with room serves), the first as
 * tblhosting.dedicatedip and the others as assignedips. Prefix
 * pools are left to the module (vpn-nat carves its tenant prefix at CreateAccount). Idempotent: a service keeps
 * what it holds.
 */
public final class ServiceAddresses {

    /** What the service holds: {@code dedicatedIp} is empty when no pool is related. */
    public record Assigned(String dedicatedIp, List<String> assignedIps) {
        public Assigned {
            assignedIps = List.copyOf(assignedIps);
        }

        public String assignedIpsText() {
            return String.join("\n", assignedIps);
        }
    }

    private final Configurations configurations;
    private final IpAllocator allocator;
    private final WhmcsHostingRepository hosting;

    public ServiceAddresses(Configurations configurations, IpAllocator allocator, WhmcsHostingRepository hosting) {
        this.configurations = configurations;
        this.allocator = allocator;
        this.hosting = hosting;
    }

    public Assigned assign(long serviceId, long productId, long serverId) {
        List<List<Pool>> choices = configurations.poolChoicesFor(hosting.composition(serviceId, productId, serverId))
                .stream()
                .map(group -> group.stream().filter(pool -> pool.kind() == PoolKind.ADDRESS).toList())
                .filter(group -> !group.isEmpty())
                .toList();
        if (choices.isEmpty()) {
            return new Assigned("", List.of());
        }
        Map<Long, Assignment> held = new HashMap<>();
        allocator.assignmentsOf(serviceId).forEach(assignment -> held.put(assignment.poolId(), assignment));
        List<String> addresses = new ArrayList<>();
        for (List<Pool> alternatives : choices) {
            addresses.add(alternatives.stream().map(pool -> held.get(pool.id())).filter(Objects::nonNull).findFirst()
                    .orElseGet(() -> firstWithRoom(alternatives, serviceId)).address());
        }
        Assigned assigned = new Assigned(addresses.get(0), addresses.subList(1, addresses.size()));
        hosting.writeIps(serviceId, assigned.dedicatedIp(), assigned.assignedIps());
        return assigned;
    }

    /** A new address from the first of the alternative pools that has one. */
    private Assignment firstWithRoom(List<Pool> alternatives, long serviceId) {
        PoolExhaustedException last = null;
        for (Pool pool : alternatives) {
            try {
                return allocator.allocate(pool.id(), serviceId);
            } catch (PoolExhaustedException e) {
                last = e;
            }
        }
        String which = alternatives.size() == 1 ? last.getMessage()
                : "pools " + alternatives.stream().map(Pool::name).toList() + " have no free address";
        throw new ConflictException(which + " for service " + serviceId, "poolId");
    }
}
