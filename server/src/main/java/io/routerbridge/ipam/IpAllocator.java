package io.routerbridge.ipam;

import io.routerbridge.ipam.GroupCommitLane.Pending;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Hands out addresses and prefix blocks to WHMCS services, and takes them back.
 *
 * <p>Every allocation and release is one transaction whose first statement locks the pool row
 * ({@code SELECT ... FOR UPDATE}). Because nothing is read before that lock, the REPEATABLE READ
 * snapshot taken by the next read already contains the previous holder's commit. Free blocks are
 * found in the gaps between occupied runs (see {@link PoolAllocation}, {@link OccupiedRuns}); the UNIQUE
 * indexes on live assignments are the backstop, and duplicate-key, deadlock and lock-timeout errors are
 * retried (see {@link AllocationRepository}). Concurrent requests made through the same instance, for one
 * pool or several, share a transaction (see {@link #serve}); requests from other instances or processes
 * queue on the pool row lock. Thread-safe: create one per database and share it.
 */
public final class IpAllocator {
    static final int MAX_BATCH = 64;

    private final AllocationRepository repository;
    private final Clock clock;
    private final GroupCommitLane<Request, Assignment> lane = new GroupCommitLane<>(MAX_BATCH, this::serve);

    public IpAllocator(AllocationRepository repository) {
        this(repository, Clock.systemUTC());
    }

    public IpAllocator(AllocationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * The service's block in this pool: the one it already holds, else the lowest free one (a single
     * address for address pools, a block of the pool's prefix length for prefix pools).
     *
     * @throws PoolExhaustedException when nothing is free; nothing is written then
     */
    public Assignment allocate(long poolId, long serviceId) {
        return lane.submit(new Request(poolId, serviceId, null));
    }

    /** Like {@link #allocate} for a prefix pool, with an explicit block length (e.g. 29 or 64). */
    public Assignment allocatePrefix(long poolId, long serviceId, int prefixLength) {
        return lane.submit(new Request(poolId, serviceId, prefixLength));
    }

    /** What a service wants from one pool: a block of the pool's own size, or of an explicit prefix length. */
    public record Wanted(long poolId, Integer prefixLength) {
        public static Wanted block(long poolId) {
            return new Wanted(poolId, null);
        }

        public static Wanted block(long poolId, int prefixLength) {
            return new Wanted(poolId, prefixLength);
        }
    }

    /**
     * The service's blocks in several pools, in the order asked: what it already holds is read without
     * taking any lock, the rest is allocated in one transaction. When a pool fails (e.g. exhausted) the
     * other blocks are still committed, as they would be when asked one by one, and the first failure is thrown.
     */
    public List<Assignment> allocateAll(long serviceId, List<Wanted> wanted) {
        Map<Long, Assignment> held = new HashMap<>();
        assignmentsOf(serviceId).forEach(a -> held.put(a.poolId(), a));
        List<Request> missing = new ArrayList<>();
        for (Wanted w : wanted) {
            if (!held.containsKey(w.poolId())) {
                missing.add(new Request(w.poolId(), serviceId, w.prefixLength()));
            }
        }
        for (Assignment a : lane.submitAll(missing)) {
            held.put(a.poolId(), a);
        }
        return wanted.stream().map(w -> held.get(w.poolId())).toList();
    }

    /** Releases whatever the service holds, in every pool; returns the released (or quarantined) assignments. */
    public List<Assignment> release(long serviceId) {
        List<Assignment> released = new ArrayList<>();
        for (long poolId : repository.poolsHoldingBlocksOf(serviceId)) {
            release(serviceId, poolId).ifPresent(released::add);
        }
        return released;
    }

    /** Releases the service's block in one pool; empty when it holds none there. */
    public Optional<Assignment> release(long serviceId, long poolId) {
        return releaseLocked(poolId, tx -> tx.liveBlockOf(poolId, serviceId));
    }

    /**
     * Releases exactly this assignment of the pool if it is still assigned; empty when it is not (released or
     * quarantined already), even if its service holds another block there by now.
     */
    public Optional<Assignment> releaseAssignment(long poolId, long assignmentId) {
        return releaseLocked(poolId, tx -> tx.assigned(poolId, assignmentId));
    }

    /** What the service holds now, in every pool. */
    public List<Assignment> assignmentsOf(long serviceId) {
        return repository.assignmentsOf(serviceId);
    }

    /** Live assignments (assigned or quarantined) of a pool, in address order. */
    public List<Assignment> assignmentsInPool(long poolId) {
        return repository.assignmentsInPool(poolId);
    }

    /**
     * Serves one batch of the lane (up to {@link #MAX_BATCH} requests, any number of pools) in one
     * transaction, so concurrent callers share the pool locks and one commit instead of queueing on the row
     * locks one commit at a time. Pools are locked in id order by one statement, so two batches (or two
     * processes) never wait on each other in a cycle. A pool that is missing, exhausted or asked for a wrong
     * length fails only its own requests.
     */
    private void serve(List<Pending<Request, Assignment>> batch) {
        SortedMap<Long, List<Pending<Request, Assignment>>> byPool = new TreeMap<>();
        batch.forEach(p -> byPool.computeIfAbsent(p.work().poolId(), id -> new ArrayList<>()).add(p));
        List<Long> poolIds = batch.stream().map(p -> p.work().poolId()).distinct().toList();
        List<Long> serviceIds = batch.stream().map(p -> p.work().serviceId()).distinct().toList();
        Map<Pending<Request, Assignment>, Object> outcomes = new HashMap<>();
        repository.transaction(tx -> {
            outcomes.clear();
            Map<Long, Pool> locked = tx.lockPools(byPool.keySet());
            Map<Long, Map<Long, Assignment>> held = tx.liveBlocks(poolIds, serviceIds);
            Instant now = now();
            List<PoolAllocation> allocations = new ArrayList<>();
            byPool.forEach((poolId, requests) -> {
                Pool pool = locked.get(poolId);
                if (pool == null) {
                    requests.forEach(p -> outcomes.put(p, new IpamNotFoundException("pool", poolId)));
                    return;
                }
                if (pool.quarantines()) {
                    endQuarantines(tx, pool, now);
                }
                PoolAllocation allocation = new PoolAllocation(pool, tx.occupiedRuns(pool),
                        held.getOrDefault(poolId, new HashMap<>()), now);
                for (Pending<Request, Assignment> p : requests) {
                    try {
                        outcomes.put(p, allocation.blockFor(p.work().serviceId(), p.work().prefixLength()));
                    } catch (IpamException e) {
                        outcomes.put(p, e);
                    }
                }
                allocations.add(allocation);
            });
            tx.store(allocations);
            return null;
        });
        Map<Long, Map<Long, Assignment>> committed = repository.liveBlocks(poolIds, serviceIds);
        for (Pending<Request, Assignment> p : batch) {
            Object outcome = outcomes.get(p);
            if (outcome instanceof Assignment a) {
                Assignment stored = committed.getOrDefault(p.work().poolId(), Map.of()).get(p.work().serviceId());
                long id = a.id() != 0 ? a.id() : stored != null ? stored.id() : 0L;
                p.complete(id != 0 ? a.withId(id) : a.withId(repository.idOf(a)));
            } else {
                p.fail((IpamException) outcome);
            }
        }
    }

    private Optional<Assignment> releaseLocked(long poolId, Function<AllocationRepository, Optional<Assignment>> which) {
        return repository.transaction(tx -> {
            Pool pool = tx.lockPool(poolId).orElseThrow(() -> new IpamNotFoundException("pool", poolId));
            Optional<Assignment> held = which.apply(tx);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            Assignment released = held.get().releasedAt(now(), pool.quarantine());
            if (released.status() == AssignmentStatus.RELEASED) {
                tx.free(poolId, released.range());
            }
            tx.updateStatus(released);
            return Optional.of(released);
        });
    }

    private static void endQuarantines(AllocationRepository tx, Pool pool, Instant now) {
        for (Assignment quarantined : tx.quarantineOver(pool.id(), now)) {
            tx.free(pool.id(), quarantined.range());
            tx.updateStatus(quarantined.quarantineOver());
        }
    }

    /** Now, to the millisecond the database keeps: an answer equals the same assignment read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private record Request(long poolId, long serviceId, Integer prefixLength) {
    }
}
