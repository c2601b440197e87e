package io.routerbridge.ipam.sync;

import io.routerbridge.ipam.AddressRange;
import io.routerbridge.ipam.PoolKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, without a database, what a sync does with each address of a tblhosting row given what
 * IPAM holds. Rows are classified in order and each decision counts for the rows after it: a block
 * assigned to one row conflicts with the same block on a later row, and a service gets at most one
 * block per pool. Not thread-safe; one instance per sync.
 */
public final class SyncClassifier {
    /** Statuses of services that still use their addresses. */
    public static final Set<String> LIVE_STATUSES = Set.of("Active", "Suspended");

    private final boolean liveOnly;
    private final Map<Integer, TreeMap<BigInteger, IpamHoldings.PoolSpace>> pools = new HashMap<>();
    private final Map<Integer, List<AddressRange>> subnets = new HashMap<>();
    private final Map<Long, TreeMap<BigInteger, Held>> held = new HashMap<>();
    private final Set<List<Long>> servicesInPools = new HashSet<>();
    private final Map<Long, TreeMap<BigInteger, BigInteger>> occupied = new HashMap<>();
    private final List<SyncItem> items = new ArrayList<>();
    private final List<NewAssignment> assigned = new ArrayList<>();

    /** A block the sync records as a new assignment of {@code serviceId}. */
    public record NewAssignment(IpamHoldings.PoolSpace pool, long serviceId, HostingText.Block block) {
        /** Canonical text, as stored in the assignment's address column. */
        public String address() {
            return pool.family().format(block.first(), block.prefixLength());
        }
    }

    private record Held(BigInteger last, Long liveServiceId, long serviceId) {
    }

    /** {@code liveOnly}: addresses of services whose status is not in {@link #LIVE_STATUSES} are skipped. */
    public SyncClassifier(boolean liveOnly, IpamHoldings holdings) {
        this.liveOnly = liveOnly;
        for (IpamHoldings.PoolSpace pool : holdings.pools()) {
            pools.computeIfAbsent(pool.family().code(), f -> new TreeMap<>()).put(pool.range().first(), pool);
        }
        for (IpamHoldings.SubnetSpace subnet : holdings.subnets()) {
            subnets.computeIfAbsent(subnet.family(), f -> new ArrayList<>()).add(subnet.range());
        }
        for (IpamHoldings.LiveBlock block : holdings.live()) {
            held.computeIfAbsent(block.poolId(), p -> new TreeMap<>())
                    .put(block.first(), new Held(block.last(), block.liveServiceId(), block.serviceId()));
            if (block.liveServiceId() != null) {
                servicesInPools.add(List.of(block.poolId(), block.liveServiceId()));
            }
        }
        for (IpamHoldings.OccupiedRun run : holdings.occupied()) {
            occupied.computeIfAbsent(run.poolId(), p -> new TreeMap<>()).put(run.first(), run.last());
        }
    }

    /** Adds to {@link #items()} one item per address token of the row, dedicatedip first. */
    public void classify(HostingRow row) {
        for (String token : HostingText.tokens(row.dedicatedIp(), row.assignedIps())) {
            if (liveOnly && !LIVE_STATUSES.contains(row.status())) {
                items.add(new SyncItem(row.serviceId(), row.status(), token, SyncOutcome.SKIPPED_STATUS,
                        "service is " + row.status()));
                continue;
            }
            items.add(classify(row.serviceId(), row.status(), token));
        }
    }

    private SyncItem classify(long serviceId, String status, String token) {
        Optional<HostingText.Block> parsed = HostingText.parse(token);
        if (parsed.isEmpty()) {
            return new SyncItem(serviceId, status, token, SyncOutcome.INVALID_TEXT, "not an IP address or CIDR block");
        }
        HostingText.Block block = parsed.get();
        AddressRange range = new AddressRange(block.first(), block.last());
        var familyPools = pools.getOrDefault(block.family(), new TreeMap<>());
        var candidate = familyPools.floorEntry(block.first());
        if (candidate == null || !candidate.getValue().range().contains(range)) {
            boolean inSubnet = subnets.getOrDefault(block.family(), List.of()).stream().anyMatch(s -> s.contains(range));
            return inSubnet
                    ? new SyncItem(serviceId, status, token, SyncOutcome.OUTSIDE_POOLS, "in a subnet but in none of its pools")
                    : new SyncItem(serviceId, status, token, SyncOutcome.NOT_IN_ANY_SUBNET, "outside every subnet");
        }
        IpamHoldings.PoolSpace pool = candidate.getValue();
        if (pool.kind() == PoolKind.ADDRESS && block.prefixLength() != pool.family().bits()) {
            return new SyncItem(serviceId, status, token, SyncOutcome.WRONG_BLOCK_SIZE,
                    "pool " + pool.id() + " hands out single addresses");
        }
        var poolHeld = held.computeIfAbsent(pool.id(), p -> new TreeMap<>());
        var overlapping = poolHeld.floorEntry(block.last());
        if (overlapping != null && overlapping.getValue().last().compareTo(block.first()) >= 0) {
            Held holder = overlapping.getValue();
            if (holder.liveServiceId() != null && holder.liveServiceId() == serviceId
                    && overlapping.getKey().equals(block.first()) && holder.last().equals(block.last())) {
                return new SyncItem(serviceId, status, token, SyncOutcome.ALREADY_ASSIGNED, "pool " + pool.id());
            }
            return new SyncItem(serviceId, status, token, SyncOutcome.CONFLICT, holder.liveServiceId() == null
                    ? "in quarantine after service " + holder.serviceId()
                    : "held by service " + holder.liveServiceId());
        }
        var poolOccupied = occupied.computeIfAbsent(pool.id(), p -> new TreeMap<>());
        var run = poolOccupied.floorEntry(block.last());
        if (run != null && run.getValue().compareTo(block.first()) >= 0) {
            return new SyncItem(serviceId, status, token, SyncOutcome.RESERVED, "reserved or excluded in pool " + pool.id());
        }
        if (!servicesInPools.add(List.of(pool.id(), serviceId))) {
            return new SyncItem(serviceId, status, token, SyncOutcome.SERVICE_HOLDS_OTHER,
                    "service already holds another block of pool " + pool.id());
        }
        poolHeld.put(block.first(), new Held(block.last(), serviceId, serviceId));
        poolOccupied.put(block.first(), block.last());
        assigned.add(new NewAssignment(pool, serviceId, block));
        return new SyncItem(serviceId, status, token, SyncOutcome.ASSIGNED, "pool " + pool.id());
    }

    /** The items of every row classified so far, in order. */
    public List<SyncItem> items() {
        return items;
    }

    /** The blocks classified ASSIGNED so far, in order. */
    public List<NewAssignment> newAssignments() {
        return assigned;
    }

    /**
     * For each pool that got a new assignment, its occupied space afterwards as merged runs: what was
     * occupied before plus the new blocks.
     */
    public Map<Long, List<AddressRange>> occupiedOfTouchedPools() {
        Set<Long> touched = new HashSet<>();
        assigned.forEach(b -> touched.add(b.pool().id()));
        Map<Long, List<AddressRange>> result = new HashMap<>();
        for (long poolId : touched) {
            List<AddressRange> runs = new ArrayList<>();
            occupied.get(poolId).forEach((first, last) -> runs.add(new AddressRange(first, last)));
            result.put(poolId, AddressRange.coalesce(runs));
        }
        return result;
    }
}
