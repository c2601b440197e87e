package io.routerbridge.ipam;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamPoolRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/** Pools ({@code mod_routerbridge_ipam_pool}) with their occupied runs and assignment history. */
public final class PoolRepository {
    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

    private final DSLContext db;

    public PoolRepository(DSLContext db) {
        this.db = db;
    }

    /** Runs {@code work} in one transaction, on a repository bound to it. */
    <T> T transaction(Function<PoolRepository, T> work) {
        return db.transactionResult(cfg -> work.apply(new PoolRepository(cfg.dsl())));
    }

    /** The subnets, read and written in the same transaction as this repository. */
    SubnetRepository subnets() {
        return new SubnetRepository(db);
    }

    Optional<Pool> find(long id) {
        return Optional.ofNullable(db.selectFrom(P).where(P.ID.eq(id)).fetchOne()).map(PoolRepository::pool);
    }

    /** The pool, its row locked until the transaction ends. */
    Optional<Pool> lock(long id) {
        return Optional.ofNullable(db.selectFrom(P).where(P.ID.eq(id)).forUpdate().fetchOne()).map(PoolRepository::pool);
    }

    Optional<Pool> findByName(String name) {
        return Optional.ofNullable(db.selectFrom(P).where(P.NAME.eq(name)).fetchOne()).map(PoolRepository::pool);
    }

    boolean nameTaken(String name) {
        return db.fetchExists(P, P.NAME.eq(name));
    }

    /** A pool of the family whose range overlaps {@code range}, if any. */
    Optional<Pool> firstOverlapping(AddressFamily family, AddressRange range) {
        return Optional.ofNullable(db.selectFrom(P)
                        .where(P.FAMILY.eq((byte) family.code()),
                                P.FIRST_VALUE.le(range.last()),
                                P.LAST_VALUE.ge(range.first()))
                        .limit(1)
                        .fetchOne())
                .map(PoolRepository::pool);
    }

    /** Every pool, by name. */
    List<Pool> all() {
        return db.selectFrom(P).orderBy(P.NAME).fetch().map(PoolRepository::pool);
    }

    List<Pool> inSubnet(long subnetId) {
        return db.selectFrom(P).where(P.SUBNET_ID.eq(subnetId)).orderBy(P.NAME).fetch().map(PoolRepository::pool);
    }

    /** Stores the pool with its initially occupied runs (one row each); returns its new id. */
    long insert(Pool pool, List<AddressRange> occupied, Instant createdAt) {
        ModRouterbridgeIpamPoolRecord row = db.newRecord(P);
        row.setName(pool.name());
        row.setSubnetId(pool.subnetId());
        row.setFamily((byte) pool.family().code());
        row.setKind(pool.kind().name());
        row.setBlockPrefixLength((short) pool.blockPrefixLength());
        row.setFirstValue(pool.range().first());
        row.setLastValue(pool.range().last());
        row.setQuarantineSeconds(Math.toIntExact(pool.quarantine().toSeconds()));
        row.setCreatedAt(AssignmentRepository.utc(createdAt));
        row.store();
        for (AddressRange run : occupied) {
            db.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE)
                    .values(row.getId(), run.first(), run.last())
                    .execute();
        }
        return row.getId();
    }

    /** Assigned or quarantined blocks of the pool. */
    int liveBlockCount(long poolId) {
        return db.fetchCount(A, A.POOL_ID.eq(poolId).and(A.LIVE_FIRST_VALUE.isNotNull()));
    }

    /**
     * Deletes the pool with its assignment history and occupied runs; false when a row elsewhere (e.g. a
     * configuration) still refers to one of them, and then the caller must roll the transaction back.
     */
    boolean delete(long id) {
        return SubnetRepository.deletedUnlessReferenced(() -> {
            db.deleteFrom(A).where(A.POOL_ID.eq(id)).execute();
            db.deleteFrom(O).where(O.POOL_ID.eq(id)).execute();
            db.deleteFrom(P).where(P.ID.eq(id)).execute();
        });
    }

    static Pool pool(ModRouterbridgeIpamPoolRecord r) {
        return new Pool(r.getId(), r.getName(), r.getSubnetId(), AddressFamily.fromCode(r.getFamily()),
                PoolKind.valueOf(r.getKind()), r.getBlockPrefixLength(),
                new AddressRange(r.getFirstValue(), r.getLastValue()), Duration.ofSeconds(r.getQuarantineSeconds()));
    }
}
