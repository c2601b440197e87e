package io.routerbridge.lifecycle;

import io.routerbridge.errors.ConflictException;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolExhaustedException;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.configuration.Configurations;
import java.util.ArrayList;
import java.util.List;

/**
 * Assignment at PreModuleCreate (seed 001), for any product whatever its server module: one address from every
 * address pool related to the service, the first as tblhosting.dedicatedip and the others as assignedips. Prefix
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
    private final WhmcsHosting hosting;

    public ServiceAddresses(Configurations configurations, IpAllocator allocator, WhmcsHosting hosting) {
        this.configurations = configurations;
        this.allocator = allocator;
        this.hosting = hosting;
    }

    public Assigned assign(long serviceId, long productId, long serverId) {
        List<Pool> pools = configurations.poolsFor(hosting.composition(serviceId, productId, serverId)).stream()
                .filter(pool -> pool.kind() == PoolKind.ADDRESS)
                .toList();
        if (pools.isEmpty()) {
            return new Assigned("", List.of());
        }
        List<String> addresses;
        try {
            addresses = allocator.allocateAll(serviceId, pools.stream().map(pool -> IpAllocator.Wanted.block(pool.id()))
                    .toList()).stream().map(Assignment::address).toList();
        } catch (PoolExhaustedException e) {
            throw new ConflictException(e.getMessage() + " for service " + serviceId, "poolId");
        }
        Assigned assigned = new Assigned(addresses.get(0), addresses.subList(1, addresses.size()));
        hosting.writeIps(serviceId, assigned.dedicatedIp(), assigned.assignedIps());
        return assigned;
    }
}
