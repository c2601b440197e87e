package io.routerbridge.ipam;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamPoolRecord;
import org.jooq.DSLContext;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;

/**
 * Creates and lists pools. Pool ranges never overlap one another, so locking one pool row is enough to
 * allocate from it. A new pool starts with its subnet's reserved and excluded addresses marked occupied.
 */
public final class PoolService {
    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;

    private final DSLContext dsl;
    private final Clock clock;

    public PoolService(DSLContext dsl) {
        this(dsl, Clock.systemUTC());
    }

    public PoolService(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    public Pool create(NewPool request) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            SubnetService.lockLayout(tx);
            Subnet subnet;
            try {
                subnet = SubnetService.find(tx, request.subnetId());
            } catch (IpamNotFoundException e) {
                throw new IpamValidationException("subnetId", "subnet " + request.subnetId() + " does not exist");
            }
            Pool pool = Pool.define(request, subnet);
            if (tx.fetchExists(P, P.NAME.eq(pool.name()))) {
                throw new IpamValidationException("name", "a pool named " + pool.name() + " already exists");
            }
            ModRouterbridgeIpamPoolRecord clash = tx.selectFrom(P)
                    .where(P.FAMILY.eq((byte) pool.family().code()),
                            P.FIRST_VALUE.le(pool.range().last()),
                            P.LAST_VALUE.ge(pool.range().first()))
                    .limit(1)
                    .fetchOne();
            if (clash != null) {
                throw new IpamValidationException("range", "pool " + pool.name() + " would overlap pool "
                        + clash.getName() + " (id " + clash.getId() + ")");
            }
            ModRouterbridgeIpamPoolRecord row = tx.newRecord(P);
            row.setName(pool.name());
            row.setSubnetId(pool.subnetId());
            row.setFamily((byte) pool.family().code());
            row.setKind(pool.kind().name());
            row.setBlockPrefixLength((short) pool.blockPrefixLength());
            row.setFirstValue(pool.range().first());
            row.setLastValue(pool.range().last());
            row.setQuarantineSeconds(Math.toIntExact(pool.quarantine().toSeconds()));
            row.setCreatedAt(IpamRows.utc(clock.instant()));
            row.store();
            for (AddressRange unavailable : subnet.unavailableWithin(pool.range())) {
                tx.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE)
                        .values(row.getId(), unavailable.first(), unavailable.last())
                        .execute();
            }
            return pool.withId(row.getId());
        });
    }

    public Pool get(long id) {
        return find(dsl, id).orElseThrow(() -> new IpamNotFoundException("pool", id));
    }

    public Optional<Pool> findByName(String name) {
        return Optional.ofNullable(dsl.selectFrom(P).where(P.NAME.eq(name)).fetchOne()).map(IpamRows::pool);
    }

    public List<Pool> list() {
        return dsl.selectFrom(P).orderBy(P.NAME).fetch().map(IpamRows::pool);
    }

    public List<Pool> listBySubnet(long subnetId) {
        return dsl.selectFrom(P).where(P.SUBNET_ID.eq(subnetId)).orderBy(P.NAME).fetch().map(IpamRows::pool);
    }

    static Optional<Pool> find(DSLContext ctx, long id) {
        return Optional.ofNullable(ctx.selectFrom(P).where(P.ID.eq(id)).fetchOne()).map(IpamRows::pool);
    }
}
