package io.routerbridge.ipam.sync;

import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.AddressRange;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnet;
import io.routerbridge.persistence.whmcs.tables.Tblhosting;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET;
import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;

/**
 * What the sync reads (pools, subnets, live assignments, occupied runs, tblhosting) and writes (new
 * assignments, the occupied runs of the pools they went into). Writes go in multi-row statements of
 * at most {@value #ROWS_PER_STATEMENT} rows.
 */
public final class WhmcsSyncRepository {
    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamSubnet S = MOD_ROUTERBRIDGE_IPAM_SUBNET;
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
    private static final Tblhosting H = TBLHOSTING;
    private static final int ROWS_PER_STATEMENT = 2000;
    private static final Pattern SAFE_ADDRESS = Pattern.compile("[0-9a-fA-F:./]+");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final DSLContext dsl;

    public WhmcsSyncRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Runs {@code work} in one transaction, against a repository bound to it. */
    <T> T inTransaction(Function<WhmcsSyncRepository, T> work) {
        return dsl.transactionResult(cfg -> work.apply(new WhmcsSyncRepository(cfg.dsl())));
    }

    /** Locks every pool row first (allocations wait until the transaction ends), then reads the rest. */
    IpamHoldings lockAndReadHoldings() {
        List<IpamHoldings.PoolSpace> pools = new ArrayList<>();
        for (Record r : dsl.select(P.ID, P.SUBNET_ID, P.FAMILY, P.KIND, P.BLOCK_PREFIX_LENGTH, P.FIRST_VALUE, P.LAST_VALUE)
                .from(P).orderBy(P.ID).forUpdate().fetch()) {
            pools.add(new IpamHoldings.PoolSpace(r.get(P.ID), r.get(P.SUBNET_ID), AddressFamily.fromCode(r.get(P.FAMILY)),
                    PoolKind.valueOf(r.get(P.KIND)), r.get(P.BLOCK_PREFIX_LENGTH),
                    new AddressRange(r.get(P.FIRST_VALUE), r.get(P.LAST_VALUE))));
        }
        List<IpamHoldings.SubnetSpace> subnets = new ArrayList<>();
        for (Record r : dsl.select(S.FAMILY, S.FIRST_VALUE, S.LAST_VALUE).from(S).fetch()) {
            subnets.add(new IpamHoldings.SubnetSpace((int) r.get(S.FAMILY),
                    new AddressRange(r.get(S.FIRST_VALUE), r.get(S.LAST_VALUE))));
        }
        List<IpamHoldings.LiveBlock> live = new ArrayList<>();
        for (Record r : dsl.select(A.POOL_ID, A.FIRST_VALUE, A.LAST_VALUE, A.LIVE_SERVICE_ID, A.SERVICE_ID)
                .from(A).where(A.LIVE_FIRST_VALUE.isNotNull()).fetch()) {
            live.add(new IpamHoldings.LiveBlock(r.get(A.POOL_ID), r.get(A.FIRST_VALUE), r.get(A.LAST_VALUE),
                    r.get(A.LIVE_SERVICE_ID), r.get(A.SERVICE_ID)));
        }
        List<IpamHoldings.OccupiedRun> occupied = new ArrayList<>();
        for (Record r : dsl.select(O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE).from(O).fetch()) {
            occupied.add(new IpamHoldings.OccupiedRun(r.get(O.POOL_ID), r.get(O.FIRST_VALUE), r.get(O.LAST_VALUE)));
        }
        return new IpamHoldings(pools, subnets, live, occupied);
    }

    /** The tblhosting rows with something in dedicatedip or assignedips, by id. */
    List<HostingRow> hostingRowsWithAddresses() {
        List<HostingRow> rows = new ArrayList<>();
        try (var cursor = dsl.select(H.ID, H.DOMAINSTATUS, H.DEDICATEDIP, H.ASSIGNEDIPS).from(H)
                .where(H.DEDICATEDIP.ne("").or(H.ASSIGNEDIPS.ne("")))
                .orderBy(H.ID)
                .fetchLazy()) {
            for (var r : cursor) {
                rows.add(new HostingRow(r.value1(), r.value2().getLiteral(), r.value3(), r.value4()));
            }
        }
        return rows;
    }

    /** Inserts the blocks as ASSIGNED assignments of their services, assigned at {@code now}. */
    void insertAssignments(List<SyncClassifier.NewAssignment> blocks, Instant now) {
        if (blocks.isEmpty()) {
            return;
        }
        // Values are written inline into multi-row INSERTs: they are numbers, a constant word, a
        // timestamp and canonical addresses we formatted ourselves, and binding over a million
        // parameters costs more than the statements themselves.
        String at = SQL_TIME.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        String head = "INSERT INTO " + A.getName() + " (" + String.join(", ", A.POOL_ID.getName(), A.SUBNET_ID.getName(),
                A.SERVICE_ID.getName(), A.FAMILY.getName(), A.FIRST_VALUE.getName(), A.LAST_VALUE.getName(),
                A.PREFIX_LENGTH.getName(), A.ADDRESS.getName(), A.STATUS.getName(), A.ASSIGNED_AT.getName(),
                A.LIVE_FIRST_VALUE.getName(), A.LIVE_SERVICE_ID.getName()) + ") VALUES ";
        String assigned = AssignmentStatus.ASSIGNED.name();
        for (int from = 0; from < blocks.size(); from += ROWS_PER_STATEMENT) {
            StringBuilder sql = new StringBuilder(head);
            List<SyncClassifier.NewAssignment> chunk = blocks.subList(from, Math.min(blocks.size(), from + ROWS_PER_STATEMENT));
            for (int i = 0; i < chunk.size(); i++) {
                SyncClassifier.NewAssignment b = chunk.get(i);
                String address = b.address();
                if (!SAFE_ADDRESS.matcher(address).matches()) {
                    throw new IllegalStateException("unexpected address text " + address);
                }
                sql.append(i == 0 ? "(" : ",(").append(b.pool().id()).append(',').append(b.pool().subnetId()).append(',')
                        .append(b.serviceId()).append(',').append(b.pool().family().code()).append(',')
                        .append(b.block().first()).append(',').append(b.block().last()).append(',')
                        .append(b.block().prefixLength()).append(",'").append(address).append("','")
                        .append(assigned).append("','").append(at).append("',").append(b.block().first())
                        .append(',').append(b.serviceId()).append(')');
            }
            dsl.execute(sql.toString());
        }
    }

    /** Replaces the pool's occupied runs with {@code runs} (merged, in order). */
    void replaceOccupied(long poolId, List<AddressRange> runs) {
        dsl.deleteFrom(O).where(O.POOL_ID.eq(poolId)).execute();
        for (int from = 0; from < runs.size(); from += ROWS_PER_STATEMENT) {
            var insert = dsl.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE);
            for (AddressRange r : runs.subList(from, Math.min(runs.size(), from + ROWS_PER_STATEMENT))) {
                insert = insert.values(poolId, r.first(), r.last());
            }
            insert.execute();
        }
    }
}
