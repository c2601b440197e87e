package io.routerbridge.ipam.sync;

import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.AddressRange;
import io.routerbridge.ipam.PoolKind;
import java.math.BigInteger;
import java.util.List;

/** What IPAM holds when a sync starts: its pools, subnets, live assignments and occupied runs. */
public record IpamHoldings(List<PoolSpace> pools, List<SubnetSpace> subnets, List<LiveBlock> live,
                           List<OccupiedRun> occupied) {

    public record PoolSpace(long id, long subnetId, AddressFamily family, PoolKind kind, int blockPrefixLength,
                            AddressRange range) {
    }

    /** family is 4 or 6, like {@link HostingText.Block#family()}. */
    public record SubnetSpace(int family, AddressRange range) {
    }

    /**
     * An assignment that still takes space in its pool: held by {@code liveServiceId}, or in quarantine
     * after {@code serviceId} when {@code liveServiceId} is null.
     */
    public record LiveBlock(long poolId, BigInteger first, BigInteger last, Long liveServiceId, long serviceId) {
    }

    /** Space of a pool that is taken: assigned, quarantined, reserved or excluded. */
    public record OccupiedRun(long poolId, BigInteger first, BigInteger last) {
    }
}
