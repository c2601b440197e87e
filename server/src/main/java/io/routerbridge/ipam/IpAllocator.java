package io.routerbridge.ipam;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamAssignmentRecord;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamPoolRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;

/**
 * Hands out addresses and prefix blocks to WHMCS services, and takes them back.
 *
 * <p>Every allocation and release is one transaction whose first statement locks the pool row
 * ({@code SELECT ... FOR UPDATE}). Because nothing is read before that lock, the REPEATABLE READ
 * snapshot taken by the next read already contains the previous holder's commit. The free block is
 * found in the gaps between occupied runs (see {@link FirstFit}); the UNIQUE indexes on live
 * assignments are the backstop, and duplicate-key, deadlock and lock-timeout errors are retried.
 */
public final class IpAllocator {
    static final int MAX_ATTEMPTS = 5;
    private static final int FIRST_PAGE = 4;
    private static final int MAX_PAGE = 1024;

    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

    private final DSLContext dsl;
    private final Clock clock;

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
        return withRetry(() -> dsl.transactionResult(cfg -> allocateLocked(cfg.dsl(), poolId, serviceId, null)));
    }

    /** Like {@link #allocate} for a prefix pool, with an explicit block length (e.g. 29 or 64). */
    public Assignment allocatePrefix(long poolId, long serviceId, int prefixLength) {
        return withRetry(() -> dsl.transactionResult(cfg -> allocateLocked(cfg.dsl(), poolId, serviceId, prefixLength)));
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
        return withRetry(() -> dsl.transactionResult(cfg -> releaseLocked(cfg.dsl(), poolId, serviceId)));
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

    private Assignment allocateLocked(DSLContext tx, long poolId, long serviceId, Integer requestedLength) {
        Pool pool = lockPool(tx, poolId);
        int prefixLength = blockLength(pool, requestedLength);
        ModRouterbridgeIpamAssignmentRecord held = tx.selectFrom(A)
                .where(A.POOL_ID.eq(poolId), A.LIVE_SERVICE_ID.eq(serviceId))
                .fetchOne();
        if (held != null) {
            return IpamRows.assignment(held);
        }
        Instant now = clock.instant();
        if (!pool.quarantine().isZero()) {
            endQuarantines(tx, pool, now);
        }
        FirstFit.Found found = firstFree(tx, pool, prefixLength);
        occupy(tx, poolId, found);

        ModRouterbridgeIpamAssignmentRecord row = tx.newRecord(A);
        row.setPoolId(poolId);
        row.setSubnetId(pool.subnetId());
        row.setServiceId(serviceId);
        row.setFamily((byte) pool.family().code());
        row.setFirstValue(found.block().first());
        row.setLastValue(found.block().last());
        row.setPrefixLength((short) prefixLength);
        row.setAddress(pool.family().format(found.block().first(), prefixLength));
        row.setStatus(AssignmentStatus.ASSIGNED.name());
        row.setAssignedAt(IpamRows.utc(now));
        row.setLiveFirstValue(found.block().first());
        row.setLiveServiceId(serviceId);
        row.store();
        return IpamRows.assignment(row);
    }

    private Optional<Assignment> releaseLocked(DSLContext tx, long poolId, long serviceId) {
        Pool pool = lockPool(tx, poolId);
        ModRouterbridgeIpamAssignmentRecord row = tx.selectFrom(A)
                .where(A.POOL_ID.eq(poolId), A.LIVE_SERVICE_ID.eq(serviceId))
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

    /** Reads occupied runs in address order, a small page first, until a gap holds an aligned block. */
    private static FirstFit.Found firstFree(DSLContext tx, Pool pool, int prefixLength) {
        BigInteger blockSize = pool.family().blockSize(prefixLength);
        BigInteger cursor = pool.range().first();
        AddressRange below = null;
        BigInteger after = null;
        int pageSize = FIRST_PAGE;
        while (true) {
            Condition condition = O.POOL_ID.eq(pool.id());
            if (after != null) {
                condition = condition.and(O.FIRST_VALUE.gt(after));
            }
            List<AddressRange> runs = tx.select(O.FIRST_VALUE, O.LAST_VALUE).from(O)
                    .where(condition)
                    .orderBy(O.FIRST_VALUE)
                    .limit(pageSize)
                    .fetch(r -> new AddressRange(r.value1(), r.value2()));
            FirstFit.Outcome outcome = FirstFit.scan(cursor, below, runs, pool.range().last(), blockSize,
                    runs.size() < pageSize);
            if (outcome instanceof FirstFit.Found found) {
                return found;
            }
            if (outcome instanceof FirstFit.Exhausted) {
                throw new PoolExhaustedException(pool.name(), pool.family(), prefixLength);
            }
            FirstFit.NeedMore more = (FirstFit.NeedMore) outcome;
            cursor = more.cursor();
            below = more.below();
            after = runs.get(runs.size() - 1).first();
            pageSize = Math.min(pageSize * 8, MAX_PAGE);
        }
    }

    /** Adds the found block to the occupied runs, merging it with the runs it touches. */
    private static void occupy(DSLContext tx, long poolId, FirstFit.Found found) {
        AddressRange block = found.block();
        if (found.touchesBelow() && found.touchesAbove()) {
            tx.update(O).set(O.LAST_VALUE, found.above().last())
                    .where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(found.below().first())).execute();
            tx.deleteFrom(O).where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(found.above().first())).execute();
        } else if (found.touchesBelow()) {
            tx.update(O).set(O.LAST_VALUE, block.last())
                    .where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(found.below().first())).execute();
        } else if (found.touchesAbove()) {
            tx.update(O).set(O.FIRST_VALUE, block.first())
                    .where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(found.above().first())).execute();
        } else {
            tx.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE)
                    .values(poolId, block.first(), block.last()).execute();
        }
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
