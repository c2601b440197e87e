package io.routerbridge.ipam.exchange;

import java.util.List;

/** Every subnet (parents before children) and every pool (by name), as exported. */
public record IpamSnapshot(List<SubnetEntry> subnets, List<PoolEntry> pools) {
    public IpamSnapshot {
        subnets = List.copyOf(subnets);
        pools = List.copyOf(pools);
    }
}
