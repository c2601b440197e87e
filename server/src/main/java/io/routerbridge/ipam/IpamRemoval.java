package io.routerbridge.ipam;

/**
 * Removes unused subnets and pools. A subnet is unused when no pool and no child subnet refers to it; a
 * pool when it holds no live (assigned or quarantined) block. Removing a pool removes its history too.
 * Other capabilities may refer to pools and subnets (e.g. a configuration); such a reference blocks removal.
 */
public final class IpamRemoval {
    private final SubnetRepository subnets;
    private final PoolRepository pools;

    public IpamRemoval(SubnetRepository subnets, PoolRepository pools) {
        this.subnets = subnets;
        this.pools = pools;
    }

    public void removeSubnet(long id) {
        subnets.transaction(tx -> {
            tx.lockLayout();
            Subnet subnet = tx.find(id).orElseThrow(() -> new IpamNotFoundException("subnet", id));
            int poolCount = tx.poolCount(id);
            if (poolCount > 0) {
                throw new IpamInUseException("subnet " + subnet.cidr() + " still has " + poolCount
                        + " pool(s); remove them first");
            }
            int children = tx.childCount(id);
            if (children > 0) {
                throw new IpamInUseException("subnet " + subnet.cidr() + " still has " + children
                        + " child subnet(s); remove them first");
            }
            if (!tx.delete(id)) {
                throw referencedElsewhere("subnet " + id);
            }
            return null;
        });
    }

    public void removePool(long id) {
        pools.transaction(tx -> {
            tx.subnets().lockLayout();
            Pool pool = tx.lock(id).orElseThrow(() -> new IpamNotFoundException("pool", id));
            int live = tx.liveBlockCount(id);
            if (live > 0) {
                throw new IpamInUseException("pool " + pool.name() + " still holds " + live
                        + " assigned or quarantined block(s)");
            }
            if (!tx.delete(id)) {
                throw referencedElsewhere("pool " + id);
            }
            return null;
        });
    }

    private static IpamInUseException referencedElsewhere(String what) {
        return new IpamInUseException(what + " is still referenced (e.g. by a configuration)");
    }
}
