package io.routerbridge.ipam;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamAssignmentRecord;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamPoolRecord;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The statements of allocation and release: pool row locks, the occupied runs
 * ({@code mod_routerbridge_ipam_occupied}) and the assignment rows. The database keeps two services from
 * getting the same block: the pool row lock, and the unique keys on live blocks ({@code (pool_id,
 * live_first_value)}, {@code (pool_id, live_service_id)}) as the backstop; a transaction that runs into a
 * duplicate key, deadlock or lock timeout is run again (see {@link #transaction}).
 */
public final class AllocationRepository {
    static final int MAX_ATTEMPTS = 5;

    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

    private final DSLContext db;

    public AllocationRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Runs {@code work} in one transaction, on a repository bound to it; runs it again (up to
     * {@link #MAX_ATTEMPTS} times in all) when the database answers with a duplicate key, a deadlock or a lock
     * wait timeout, so {@code work} must start afresh each time.
     */
    <T> T transaction(Function<AllocationRepository, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.transactionResult(cfg -> work.apply(new AllocationRepository(cfg.dsl())));
            } catch (DataAccessException e) {
                if (attempt >= MAX_ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
            }
        }
    }

    /** Locks the pools' rows in id order (the order InnoDB scans the primary key in) with one statement. */
    Map<Long, Pool> lockPools(Collection<Long> poolIds) {
        Map<Long, Pool> pools = new HashMap<>();
        for (ModRouterbridgeIpamPoolRecord row : db.selectFrom(P).where(P.ID.in(poolIds)).orderBy(P.ID).forUpdate()
                .fetch()) {
            pools.put(row.getId(), PoolRepository.pool(row));
        }
        return pools;
    }

    Optional<Pool> lockPool(long poolId) {
        return Optional.ofNullable(db.selectFrom(P).where(P.ID.eq(poolId)).forUpdate().fetchOne())
                .map(PoolRepository::pool);
    }

    /** The live blocks these services hold in these pools: pool id -> service id -> assignment. */
    Map<Long, Map<Long, Assignment>> liveBlocks(Collection<Long> poolIds, Collection<Long> serviceIds) {
        Map<Long, Map<Long, Assignment>> held = new HashMap<>();
        for (ModRouterbridgeIpamAssignmentRecord r : db.selectFrom(A)
                .where(A.POOL_ID.in(poolIds), A.LIVE_SERVICE_ID.in(serviceIds))
                .fetch()) {
            held.computeIfAbsent(r.getPoolId(), id -> new HashMap<>())
                    .put(r.getLiveServiceId(), AssignmentRepository.assignment(r));
        }
        return held;
    }

    /** The pool's occupied runs, read page by page as far as the allocation needs them. */
    OccupiedRuns occupiedRuns(Pool pool) {
        long poolId = pool.id();
        return new OccupiedRuns(pool.range(), (after, limit) -> db.select(O.FIRST_VALUE, O.LAST_VALUE)
                .from(O)
                .where(O.POOL_ID.eq(poolId), after == null ? DSL.noCondition() : O.FIRST_VALUE.gt(after))
                .orderBy(O.FIRST_VALUE)
                .limit(limit)
                .fetch(r -> new AddressRange(r.value1(), r.value2())));
    }

    /**
     * Writes what the allocations handed out, all pools in one round trip, so the pools stay locked for as few
     * round trips as possible: the changed occupied runs, then the new assignment rows.
     */
    void store(List<PoolAllocation> allocations) {
        List<Query> writes = new ArrayList<>();
        for (PoolAllocation allocation : allocations) {
            List<Assignment> blocks = allocation.newBlocks();
            if (blocks.isEmpty()) {
                continue;
            }
            long poolId = allocation.pool().id();
            List<AddressRange> removed = allocation.runs().removed();
            if (!removed.isEmpty()) {
                writes.add(db.deleteFrom(O).where(O.POOL_ID.eq(poolId),
                        O.FIRST_VALUE.in(removed.stream().map(AddressRange::first).toList())));
            }
            var insertRuns = db.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE);
            for (AddressRange r : allocation.runs().added()) {
                insertRuns = insertRuns.values(poolId, r.first(), r.last());
            }
            writes.add(insertRuns);
            var insertAssignments = db.insertInto(A).set(newRow(blocks.get(0)));
            for (Assignment block : blocks.subList(1, blocks.size())) {
                insertAssignments = insertAssignments.newRecord().set(newRow(block));
            }
            writes.add(insertAssignments);
        }
        if (!writes.isEmpty()) {
            db.batch(writes).execute();
        }
    }

    private ModRouterbridgeIpamAssignmentRecord newRow(Assignment a) {
        ModRouterbridgeIpamAssignmentRecord row = db.newRecord(A);
        row.setPoolId(a.poolId());
        row.setSubnetId(a.subnetId());
        row.setServiceId(a.serviceId());
        row.setFamily((byte) a.family().code());
        row.setFirstValue(a.range().first());
        row.setLastValue(a.range().last());
        row.setPrefixLength((short) a.prefixLength());
        row.setAddress(a.address());
        row.setStatus(a.status().name());
        row.setAssignedAt(AssignmentRepository.utc(a.assignedAt()));
        row.setLiveFirstValue(a.range().first());
        row.setLiveServiceId(a.serviceId());
        return row;
    }

    /** The new assignment's id, looked up after the commit so the pool lock is not held for it; 0 when gone. */
    long idOf(Assignment a) {
        Long id = db.select(A.ID).from(A)
                .where(A.SERVICE_ID.eq(a.serviceId()), A.POOL_ID.eq(a.poolId()), A.FIRST_VALUE.eq(a.range().first()))
                .orderBy(A.ID.desc())
                .limit(1)
                .fetchOne(A.ID);
        return id == null ? 0 : id;
    }

    /** The block the service holds in the pool, if any. */
    Optional<Assignment> liveBlockOf(long poolId, long serviceId) {
        return liveBlock(poolId, A.LIVE_SERVICE_ID.eq(serviceId));
    }

    /** This assignment of the pool while it is still assigned. */
    Optional<Assignment> assigned(long poolId, long assignmentId) {
        return liveBlock(poolId, A.ID.eq(assignmentId).and(A.STATUS.eq(AssignmentStatus.ASSIGNED.name())));
    }

    private Optional<Assignment> liveBlock(long poolId, Condition which) {
        return Optional.ofNullable(db.selectFrom(A).where(A.POOL_ID.eq(poolId), which).fetchOne())
                .map(AssignmentRepository::assignment);
    }

    /** Quarantined blocks of the pool whose quarantine is over at {@code now}. */
    List<Assignment> quarantineOver(long poolId, Instant now) {
        return db.selectFrom(A)
                .where(A.POOL_ID.eq(poolId), A.STATUS.eq(AssignmentStatus.QUARANTINED.name()),
                        A.REUSABLE_AT.le(AssignmentRepository.utc(now)))
                .fetch(AssignmentRepository::assignment);
    }

    /** Stores a released or quarantined block's new status; a block no longer assigned leaves the unique keys of live blocks. */
    void updateStatus(Assignment a) {
        BigInteger liveFirstValue = a.status() == AssignmentStatus.RELEASED ? null : a.range().first();
        Long liveServiceId = a.status() == AssignmentStatus.ASSIGNED ? a.serviceId() : null;
        db.update(A)
                .set(A.STATUS, a.status().name())
                .set(A.RELEASED_AT, utcOrNull(a.releasedAt()))
                .set(A.REUSABLE_AT, utcOrNull(a.reusableAt()))
                .set(A.LIVE_FIRST_VALUE, liveFirstValue)
                .set(A.LIVE_SERVICE_ID, liveServiceId)
                .where(A.ID.eq(a.id()))
                .execute();
    }

    private static LocalDateTime utcOrNull(Instant instant) {
        return instant == null ? null : AssignmentRepository.utc(instant);
    }

    /** Removes a block from the occupied run that holds it, splitting the run when needed. */
    void free(long poolId, AddressRange block) {
        AddressRange run = db.select(O.FIRST_VALUE, O.LAST_VALUE).from(O)
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
            db.update(O).set(O.LAST_VALUE, block.first().subtract(BigInteger.ONE))
                    .where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(run.first())).execute();
            if (keepsAbove) {
                db.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE)
                        .values(poolId, block.last().add(BigInteger.ONE), run.last()).execute();
            }
        } else if (keepsAbove) {
            db.update(O).set(O.FIRST_VALUE, block.last().add(BigInteger.ONE))
                    .where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(run.first())).execute();
        } else {
            db.deleteFrom(O).where(O.POOL_ID.eq(poolId), O.FIRST_VALUE.eq(run.first())).execute();
        }
    }

    /** The pools in which the service holds an assigned block. */
    List<Long> poolsHoldingBlocksOf(long serviceId) {
        return db.selectDistinct(A.POOL_ID).from(A)
                .where(A.SERVICE_ID.eq(serviceId), A.STATUS.eq(AssignmentStatus.ASSIGNED.name()))
                .fetch(A.POOL_ID);
    }

    List<Assignment> assignmentsOf(long serviceId) {
        return db.selectFrom(A)
                .where(A.SERVICE_ID.eq(serviceId), A.STATUS.eq(AssignmentStatus.ASSIGNED.name()))
                .orderBy(A.POOL_ID)
                .fetch(AssignmentRepository::assignment);
    }

    List<Assignment> assignmentsInPool(long poolId) {
        return db.selectFrom(A)
                .where(A.POOL_ID.eq(poolId), A.LIVE_FIRST_VALUE.isNotNull())
                .orderBy(A.LIVE_FIRST_VALUE)
                .fetch(AssignmentRepository::assignment);
    }

    /** Duplicate key, deadlock or lock wait timeout: the transaction can simply be run again. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                int code = sql.getErrorCode();
                if (code == 1062 || code == 1213 || code == 1205 || "40001".equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
