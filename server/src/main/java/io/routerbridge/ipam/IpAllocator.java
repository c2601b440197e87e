package io.routerbridge.ipam;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamAssignmentRecord;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamPoolRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;

/**
 * Hands out addresses and prefix blocks to WHMCS services, and takes them back.
 *
 * <p>Every allocation and release is one transaction whose first statement locks the pool row
 * ({@code SELECT ... FOR UPDATE}). Because nothing is read before that lock, the REPEATABLE READ
 * snapshot taken by the next read already contains the previous holder's commit. Free blocks are
 * found in the gaps between occupied runs (see {@link OccupiedRuns}); the UNIQUE indexes on live
 * assignments are the backstop, and duplicate-key, deadlock and lock-timeout errors are retried.
 * Concurrent requests made through the same instance, for one pool or several, share a transaction (see
 * {@link #allocateBlock}); requests from other instances or processes queue on the pool row lock.
 * Thread-safe: create one per DSLContext and share it.
 */
public final class IpAllocator {
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_BATCH = 64;

    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

    private final DSLContext dsl;
    private final Clock clock;
    private final ReentrantLock lane = new ReentrantLock();
    private final Queue<Request> queue = new ConcurrentLinkedQueue<>();

    public IpAllocator(DSLContext dsl) {
        this(dsl, Clock.systemUTC());
    }

    public IpAllocator(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /**
     * The service's block in this pool: the one it already holds, else the lowest free one (a single
     * address for address pools, a block of the pool's prefix length for prefix pools).
     *
     * @throws PoolExhaustedException when nothing is free; nothing is written then
     */
    public Assignment allocate(long poolId, long serviceId) {
        return allocateBlock(poolId, serviceId, null);
    }

    /** Like {@link #allocate} for a prefix pool, with an explicit block length (e.g. 29 or 64). */
    public Assignment allocatePrefix(long poolId, long serviceId, int prefixLength) {
        return allocateBlock(poolId, serviceId, prefixLength);
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
                missing.add(new Request(w.poolId(), serviceId, w.prefixLength(), new CompletableFuture<>()));
            }
        }
        for (Assignment a : served(missing)) {
            held.put(a.poolId(), a);
        }
        return wanted.stream().map(w -> held.get(w.poolId())).toList();
    }

    /** Releases whatever the service holds, in every pool; returns the released (or quarantined) assignments. */
    public List<Assignment> release(long serviceId) {
        List<Long> poolIds = dsl.selectDistinct(A.POOL_ID).from(A)
                .where(A.SERVICE_ID.eq(serviceId), A.STATUS.eq(AssignmentStatus.ASSIGNED.name()))
                .fetch(A.POOL_ID);
        List<Assignment> released = new ArrayList<>();
        for (long poolId : poolIds) {
            release(serviceId, poolId).ifPresent(released::add);
        }
        return released;
    }

    /** Releases the service's block in one pool; empty when it holds none there. */
    public Optional<Assignment> release(long serviceId, long poolId) {
        return withRetry(() -> dsl.transactionResult(cfg -> releaseLocked(cfg.dsl(), poolId,
                A.LIVE_SERVICE_ID.eq(serviceId))));
    }

    /**
     * Releases exactly this assignment of the pool if it is still assigned; empty when it is not (released or
     * quarantined already), even if its service holds another block there by now.
     */
    public Optional<Assignment> releaseAssignment(long poolId, long assignmentId) {
        return withRetry(() -> dsl.transactionResult(cfg -> releaseLocked(cfg.dsl(), poolId,
                A.ID.eq(assignmentId).and(A.STATUS.eq(AssignmentStatus.ASSIGNED.name())))));
    }

    /** What the service holds now, in every pool. */
    public List<Assignment> assignmentsOf(long serviceId) {
        return dsl.selectFrom(A)
                .where(A.SERVICE_ID.eq(serviceId), A.STATUS.eq(AssignmentStatus.ASSIGNED.name()))
                .orderBy(A.POOL_ID)
                .fetch(IpamRows::assignment);
    }

    /** Live assignments (assigned or quarantined) of a pool, in address order. */
    public List<Assignment> assignmentsInPool(long poolId) {
        return dsl.selectFrom(A)
                .where(A.POOL_ID.eq(poolId), A.LIVE_FIRST_VALUE.isNotNull())
                .orderBy(A.LIVE_FIRST_VALUE)
                .fetch(IpamRows::assignment);
    }

    /**
     * Concurrent callers are served in batches: whoever holds the lane runs one transaction for
     * everything queued (up to {@link #MAX_BATCH} requests, any number of pools), so they share the pool
     * locks and one commit instead of queueing on the row locks one commit at a time. Pools are locked in
     * id order by one statement, so two batches (or two processes) never wait on each other in a cycle.
     */
    private Assignment allocateBlock(long poolId, long serviceId, Integer prefixLength) {
        return served(List.of(new Request(poolId, serviceId, prefixLength, new CompletableFuture<>()))).get(0);
    }

    /** Queues the requests and waits until they are served, serving the queue whenever the lane is free. */
    private List<Assignment> served(List<Request> mine) {
        queue.addAll(mine);
        while (!allDone(mine)) {
            if (lane.tryLock()) {
                try {
                    // serve until our own requests are done, plus one more round for whoever queued meanwhile
                    boolean extraRound = true;
                    while (!queue.isEmpty() && (!allDone(mine) || extraRound)) {
                        extraRound = !allDone(mine);
                        serve(drain(queue));
                    }
                } finally {
                    lane.unlock();
                }
            } else {
                mine.stream().filter(r -> !r.result().isDone()).findFirst()
                        .ifPresent(r -> awaitBriefly(r.result()));
            }
        }
        List<Assignment> results = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (Request r : mine) {
            try {
                results.add(r.result().join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException c ? c : e;
                firstFailure = firstFailure == null ? cause : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return results;
    }

    private static boolean allDone(List<Request> requests) {
        return requests.stream().allMatch(r -> r.result().isDone());
    }

    private static List<Request> drain(Queue<Request> queue) {
        List<Request> batch = new ArrayList<>();
        for (Request r = queue.poll(); r != null; r = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(r);
        }
        return batch;
    }

    /** Waits a little for another caller to serve us; a request queued after the server's last look is then served by its own caller. */
    private static void awaitBriefly(CompletableFuture<Assignment> result) {
        try {
            result.get(1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // done (with an outcome the caller reads) or still queued: the loop decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an allocation", e);
        }
    }

    private void serve(List<Request> batch) {
        SortedMap<Long, List<Request>> byPool = new TreeMap<>();
        batch.forEach(r -> byPool.computeIfAbsent(r.poolId(), id -> new ArrayList<>()).add(r));
        Map<Request, Object> outcomes = new HashMap<>();
        try {
            withRetry(() -> dsl.transactionResult(cfg -> {
                outcomes.clear();
                DSLContext tx = cfg.dsl();
                Map<Long, Pool> locked = lockPools(tx, byPool.keySet());
                Map<Long, Map<Long, Assignment>> held = heldBy(tx, batch);
                Instant now = clock.instant();
                List<Query> writes = new ArrayList<>();
                byPool.forEach((poolId, requests) -> {
                    Pool pool = locked.get(poolId);
                    if (pool == null) {
                        requests.forEach(r -> outcomes.put(r, new IpamNotFoundException("pool", poolId)));
                        return;
                    }
                    if (!pool.quarantine().isZero()) {
                        endQuarantines(tx, pool, now);
                    }
                    writes.addAll(allocateLocked(tx, pool, requests, held.getOrDefault(poolId, new HashMap<>()),
                            now, outcomes));
                });
                if (!writes.isEmpty()) {
                    // one round trip for all writes: the pools stay locked for as few round trips as possible
                    tx.batch(writes).execute();
                }
                return null;
            }));
        } catch (RuntimeException e) {
            batch.forEach(r -> r.result().completeExceptionally(e));
            return;
        }
        Map<Long, Map<Long, Assignment>> committed = heldBy(dsl, batch);
        for (Request r : batch) {
            Object outcome = outcomes.get(r);
            if (outcome instanceof Assignment a) {
                Assignment stored = committed.getOrDefault(r.poolId(), Map.of()).get(r.serviceId());
                long id = a.id() != 0 ? a.id() : stored != null ? stored.id() : 0L;
                r.result().complete(id != 0 ? a.withId(id) : a.withId(idOf(r.poolId(), a)));
            } else {
                r.result().completeExceptionally((IpamException) outcome);
            }
        }
    }

    /** Locks the pools' rows in id order (the order InnoDB scans the primary key in) with one statement. */
    private static Map<Long, Pool> lockPools(DSLContext tx, Collection<Long> poolIds) {
        Map<Long, Pool> pools = new HashMap<>();
        for (ModRouterbridgeIpamPoolRecord row : tx.selectFrom(P).where(P.ID.in(poolIds)).orderBy(P.ID).forUpdate()
                .fetch()) {
            pools.put(row.getId(), IpamRows.pool(row));
        }
        return pools;
    }

    /** The live assignments the batch's services already hold in the batch's pools: pool id -> service id -> assignment. */
    private static Map<Long, Map<Long, Assignment>> heldBy(DSLContext db, List<Request> batch) {
        Map<Long, Map<Long, Assignment>> held = new HashMap<>();
        for (ModRouterbridgeIpamAssignmentRecord r : db.selectFrom(A)
                .where(A.POOL_ID.in(batch.stream().map(Request::poolId).distinct().toList()),
                        A.LIVE_SERVICE_ID.in(batch.stream().map(Request::serviceId).distinct().toList()))
                .fetch()) {
            held.computeIfAbsent(r.getPoolId(), id -> new HashMap<>()).put(r.getLiveServiceId(), IpamRows.assignment(r));
        }
        return held;
    }

    /**
     * Allocates for every request of one pool inside the transaction holding the pool lock: the occupied
     * runs read as far as needed, the writes returned for one batch. A request that fails (exhausted,
     * invalid length) writes nothing and does not stop the others.
     */
    private static List<Query> allocateLocked(DSLContext tx, Pool pool, List<Request> requests,
                                              Map<Long, Assignment> held, Instant now, Map<Request, Object> outcomes) {
        long poolId = pool.id();
        OccupiedRuns runs = new OccupiedRuns(pool.range(), (after, limit) -> tx.select(O.FIRST_VALUE, O.LAST_VALUE)
                .from(O)
                .where(O.POOL_ID.eq(poolId), after == null ? DSL.noCondition() : O.FIRST_VALUE.gt(after))
                .orderBy(O.FIRST_VALUE)
                .limit(limit)
                .fetch(r -> new AddressRange(r.value1(), r.value2())));
        List<ModRouterbridgeIpamAssignmentRecord> inserts = new ArrayList<>();
        for (Request request : requests) {
            Assignment already = held.get(request.serviceId());
            if (already != null) {
                outcomes.put(request, already);
                continue;
            }
            try {
                int prefixLength = blockLength(pool, request.prefixLength());
                AddressRange block = runs.takeFirstFree(pool.family().blockSize(prefixLength))
                        .orElseThrow(() -> new PoolExhaustedException(pool.name(), pool.family(), prefixLength));
                ModRouterbridgeIpamAssignmentRecord row = tx.newRecord(A);
                row.setPoolId(poolId);
                row.setSubnetId(pool.subnetId());
                row.setServiceId(request.serviceId());
                row.setFamily((byte) pool.family().code());
                row.setFirstValue(block.first());
                row.setLastValue(block.last());
                row.setPrefixLength((short) prefixLength);
                row.setAddress(pool.family().format(block.first(), prefixLength));
                row.setStatus(AssignmentStatus.ASSIGNED.name());
                row.setAssignedAt(IpamRows.utc(now));
                row.setLiveFirstValue(block.first());
                row.setLiveServiceId(request.serviceId());
                inserts.add(row);
                Assignment assignment = IpamRows.assignment(row);
                held.put(request.serviceId(), assignment);
                outcomes.put(request, assignment);
            } catch (IpamException e) {
                outcomes.put(request, e);
            }
        }
        if (inserts.isEmpty()) {
            return List.of();
        }
        List<Query> writes = new ArrayList<>();
        List<AddressRange> removed = runs.removed();
        if (!removed.isEmpty()) {
            writes.add(tx.deleteFrom(O).where(O.POOL_ID.eq(poolId),
                    O.FIRST_VALUE.in(removed.stream().map(AddressRange::first).toList())));
        }
        var insertRuns = tx.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE);
        for (AddressRange r : runs.added()) {
            insertRuns = insertRuns.values(poolId, r.first(), r.last());
        }
        writes.add(insertRuns);
        var insertAssignments = tx.insertInto(A).set(inserts.get(0));
        for (ModRouterbridgeIpamAssignmentRecord row : inserts.subList(1, inserts.size())) {
            insertAssignments = insertAssignments.newRecord().set(row);
        }
        writes.add(insertAssignments);
        return writes;
    }

    /** The new row's id, looked up after the commit so the pool lock is not held for it. */
    private long idOf(long poolId, Assignment a) {
        Long id = dsl.select(A.ID).from(A)
                .where(A.SERVICE_ID.eq(a.serviceId()), A.POOL_ID.eq(poolId), A.FIRST_VALUE.eq(a.range().first()))
                .orderBy(A.ID.desc())
                .limit(1)
                .fetchOne(A.ID);
        return id == null ? 0 : id;
    }

    private record Request(long poolId, long serviceId, Integer prefixLength, CompletableFuture<Assignment> result) {
    }

    private Optional<Assignment> releaseLocked(DSLContext tx, long poolId, Condition which) {
        Pool pool = lockPool(tx, poolId);
        ModRouterbridgeIpamAssignmentRecord row = tx.selectFrom(A)
                .where(A.POOL_ID.eq(poolId), which)
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        row.setReleasedAt(IpamRows.utc(now));
        row.setLiveServiceId(null);
        if (pool.quarantine().isZero()) {
            free(tx, poolId, new AddressRange(row.getFirstValue(), row.getLastValue()));
            row.setStatus(AssignmentStatus.RELEASED.name());
            row.setLiveFirstValue(null);
        } else {
            row.setStatus(AssignmentStatus.QUARANTINED.name());
            row.setReusableAt(IpamRows.utc(now.plus(pool.quarantine())));
        }
        row.store();
        return Optional.of(IpamRows.assignment(row));
    }

    private static Pool lockPool(DSLContext tx, long poolId) {
        ModRouterbridgeIpamPoolRecord row = tx.selectFrom(P).where(P.ID.eq(poolId)).forUpdate().fetchOne();
        if (row == null) {
            throw new IpamNotFoundException("pool", poolId);
        }
        return IpamRows.pool(row);
    }

    private static int blockLength(Pool pool, Integer requested) {
        if (requested == null) {
            return pool.blockPrefixLength();
        }
        if (pool.kind() == PoolKind.ADDRESS && requested != pool.family().bits()) {
            throw new IpamValidationException("prefixLength", "pool " + pool.name()
                    + " hands out single addresses, not /" + requested + " blocks");
        }
        if (requested < 0 || requested > pool.family().bits()) {
            throw new IpamValidationException("prefixLength", "prefixLength must be between 0 and "
                    + pool.family().bits() + ", got " + requested);
        }
        return requested;
    }

    /** Removes a block from the occupied run that holds it, splitting the run when needed. */
    private static void free(DSLContext tx, long poolId, AddressRange block) {
        AddressRange run = tx.select(O.FIRST_VALUE, O.LAST_VALUE).from(O)
                .where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.le(block.first()))
                .orderBy(O.FIRST_VALUE.desc())
                .limit(1)
                .fetchOptional(r -> new AddressRange(r.value1(), r.value2()))
                .orElse(null);
        if (run == null || !run.contains(block)) {
            throw new IllegalStateException("occupied space of pool " + poolId + " does not hold " + block);
        }
        boolean keepsBelow = run.first().compareTo(block.first()) < 0;
        boolean keepsAbove = run.last().compareTo(block.last()) > 0;
        if (keepsBelow) {
            tx.update(O).set(O.LAST_VALUE, block.first().subtract(BigInteger.ONE))
                    .where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(run.first())).execute();
            if (keepsAbove) {
                tx.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE)
                        .values(poolId, block.last().add(BigInteger.ONE), run.last()).execute();
            }
        } else if (keepsAbove) {
            tx.update(O).set(O.FIRST_VALUE, block.last().add(BigInteger.ONE))
                    .where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(run.first())).execute();
        } else {
            tx.deleteFrom(O).where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(run.first())).execute();
        }
    }

    private static void endQuarantines(DSLContext tx, Pool pool, Instant now) {
        LocalDateTime nowUtc = IpamRows.utc(now);
        for (ModRouterbridgeIpamAssignmentRecord row : tx.selectFrom(A)
                .where(A.POOL_ID.eq(pool.id()), A.STATUS.eq(AssignmentStatus.QUARANTINED.name()),
                        A.REUSABLE_AT.le(nowUtc))
                .fetch()) {
            free(tx, pool.id(), new AddressRange(row.getFirstValue(), row.getLastValue()));
            row.setStatus(AssignmentStatus.RELEASED.name());
            row.setLiveFirstValue(null);
            row.store();
        }
    }

    private static <T> T withRetry(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                if (attempt >= MAX_ATTEMPTS || !IpamRows.isTransient(e)) {
                    throw e;
                }
            }
        }
    }
}
