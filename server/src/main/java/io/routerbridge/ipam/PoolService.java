package io.routerbridge.ipam;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Creates and lists pools. Pool ranges never overlap one another, so locking one pool row is enough to
 * allocate from it. A new pool starts with its subnet's reserved and excluded addresses marked occupied.
 */
public final class PoolService {
    private final PoolRepository pools;
    private final Clock clock;

    public PoolService(PoolRepository pools) {
        this(pools, Clock.systemUTC());
    }

    public PoolService(PoolRepository pools, Clock clock) {
        this.pools = pools;
        this.clock = clock;
    }

    public Pool create(NewPool request) {
        return pools.transaction(tx -> {
            SubnetRepository subnets = tx.subnets();
            subnets.lockLayout();
            Subnet subnet = subnets.find(request.subnetId()).orElseThrow(() -> new IpamValidationException(
                    "subnetId", "subnet " + request.subnetId() + " does not exist"));
            Pool pool = Pool.define(request, subnet);
            if (tx.nameTaken(pool.name())) {
                throw new IpamValidationException("name", "a pool named " + pool.name() + " already exists");
            }
            Optional<Pool> clash = tx.firstOverlapping(pool.family(), pool.range());
            if (clash.isPresent()) {
                throw new IpamValidationException("range", "pool " + pool.name() + " would overlap pool "
                        + clash.get().name() + " (id " + clash.get().id() + ")");
            }
            return pool.withId(tx.insert(pool, subnet.unavailableWithin(pool.range()), clock.instant()));
        });
    }

    public Pool get(long id) {
        return pools.find(id).orElseThrow(() -> new IpamNotFoundException("pool", id));
    }

    public Optional<Pool> findByName(String name) {
        return pools.findByName(name);
    }

    public List<Pool> list() {
        return pools.all();
    }

    public List<Pool> listBySubnet(long subnetId) {
        return pools.inSubnet(subnetId);
    }
}
