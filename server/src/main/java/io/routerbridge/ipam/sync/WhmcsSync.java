package io.routerbridge.ipam.sync;

import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.AddressRange;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.jobs.JobProgress;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnet;
import io.routerbridge.persistence.whmcs.tables.Tblhosting;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET;
import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;

/**
 * Records as assignments the addresses WHMCS services already carry in {@code tblhosting.dedicatedip}
 * and {@code assignedips}. One transaction: every pool row is locked first (allocations wait), then
 * the pools, subnets, live assignments and occupied runs are read once, every address is classified
 * in memory, and the new assignments and the rewritten occupied runs of the touched pools are written
 * in multi-row statements. Re-running it changes nothing (ALREADY_ASSIGNED).
 */
public final class WhmcsSync {
    /** Statuses of services that still use their addresses. */
    public static final Set<String> LIVE_STATUSES = Set.of("Active", "Suspended");

    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamSubnet S = MOD_ROUTERBRIDGE_IPAM_SUBNET;
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
    private static final Tblhosting H = TBLHOSTING;
    private static final int ROWS_PER_STATEMENT = 2000;
    private static final int PROGRESS_EVERY = 10_000;
    private static final Pattern SAFE_ADDRESS = Pattern.compile("[0-9a-fA-F:./]+");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Logger log = LoggerFactory.getLogger(WhmcsSync.class);

    private final DSLContext dsl;
    private final Clock clock;
    private final ActionLog actionLog;

    public WhmcsSync(DSLContext dsl, Clock clock, ActionLog actionLog) {
        this.dsl = dsl;
        this.clock = clock;
        this.actionLog = actionLog;
    }

    public SyncReport run(boolean liveOnly, Actor actor, JobProgress progress) {
        SyncReport report = dsl.transactionResult(cfg -> syncLocked(cfg.dsl(), liveOnly, progress));
        Map<SyncOutcome, Integer> counts = report.counts();
        StringBuilder detail = new StringBuilder(liveOnly ? "live services only;" : "all services;");
        counts.forEach((outcome, count) -> {
            if (count > 0) {
                detail.append(' ').append(outcome.name().toLowerCase(Locale.ROOT)).append('=').append(count);
            }
        });
        actionLog.record(actor, ActionLog.SYNC, null, null, null, "rows=" + report.rows() + "; " + detail);
        return report;
    }

    private SyncReport syncLocked(DSLContext tx, boolean liveOnly, JobProgress progress) {
        long started = System.nanoTime();
        Map<Integer, TreeMap<BigInteger, PoolRow>> pools = new HashMap<>();
        for (Record r : tx.select(P.ID, P.SUBNET_ID, P.FAMILY, P.KIND, P.BLOCK_PREFIX_LENGTH, P.FIRST_VALUE, P.LAST_VALUE)
                .from(P).orderBy(P.ID).forUpdate().fetch()) {
            PoolRow pool = new PoolRow(r.get(P.ID), r.get(P.SUBNET_ID), AddressFamily.fromCode(r.get(P.FAMILY)),
                    PoolKind.valueOf(r.get(P.KIND)), r.get(P.BLOCK_PREFIX_LENGTH),
                    new AddressRange(r.get(P.FIRST_VALUE), r.get(P.LAST_VALUE)));
            pools.computeIfAbsent(pool.family().code(), f -> new TreeMap<>()).put(pool.range().first(), pool);
        }
        Map<Integer, List<AddressRange>> subnets = new HashMap<>();
        for (Record r : tx.select(S.FAMILY, S.FIRST_VALUE, S.LAST_VALUE).from(S).fetch()) {
            subnets.computeIfAbsent((int) r.get(S.FAMILY), f -> new ArrayList<>())
                    .add(new AddressRange(r.get(S.FIRST_VALUE), r.get(S.LAST_VALUE)));
        }
        Map<Long, TreeMap<BigInteger, Held>> held = new HashMap<>();
        Set<List<Long>> servicesInPools = new HashSet<>();
        for (Record r : tx.select(A.POOL_ID, A.FIRST_VALUE, A.LAST_VALUE, A.LIVE_SERVICE_ID, A.SERVICE_ID)
                .from(A).where(A.LIVE_FIRST_VALUE.isNotNull()).fetch()) {
            Long liveService = r.get(A.LIVE_SERVICE_ID);
            held.computeIfAbsent(r.get(A.POOL_ID), p -> new TreeMap<>())
                    .put(r.get(A.FIRST_VALUE), new Held(r.get(A.LAST_VALUE), liveService, r.get(A.SERVICE_ID)));
            if (liveService != null) {
                servicesInPools.add(List.of(r.get(A.POOL_ID), liveService));
            }
        }
        Map<Long, TreeMap<BigInteger, BigInteger>> occupied = new HashMap<>();
        for (Record r : tx.select(O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE).from(O).fetch()) {
            occupied.computeIfAbsent(r.get(O.POOL_ID), p -> new TreeMap<>()).put(r.get(O.FIRST_VALUE), r.get(O.LAST_VALUE));
        }

        var rows = tx.select(H.ID, H.DOMAINSTATUS, H.DEDICATEDIP, H.ASSIGNEDIPS).from(H)
                .where(H.DEDICATEDIP.ne("").or(H.ASSIGNEDIPS.ne("")))
                .orderBy(H.ID)
                .fetch();
        long read = System.nanoTime();
        progress.total(rows.size());
        List<SyncItem> items = new ArrayList<>();
        List<NewBlock> blocks = new ArrayList<>();
        int done = 0;
        for (var row : rows) {
            long serviceId = row.get(H.ID);
            String status = row.get(H.DOMAINSTATUS).getLiteral();
            for (String token : HostingText.tokens(row.get(H.DEDICATEDIP), row.get(H.ASSIGNEDIPS))) {
                if (liveOnly && !LIVE_STATUSES.contains(status)) {
                    items.add(new SyncItem(serviceId, status, token, SyncOutcome.SKIPPED_STATUS,
                            "service is " + status));
                    continue;
                }
                items.add(classify(serviceId, status, token, pools, subnets, held, servicesInPools, occupied, blocks));
            }
            if (++done % PROGRESS_EVERY == 0) {
                progress.done(done);
            }
        }
        long classified = System.nanoTime();
        write(tx, blocks, occupied);
        progress.done(rows.size());
        log.info("sync of {} rows: read {} ms, classify {} ms, write {} ms", rows.size(), (read - started) / 1_000_000,
                (classified - read) / 1_000_000, (System.nanoTime() - classified) / 1_000_000);
        return new SyncReport(liveOnly, rows.size(), items);
    }

    private static SyncItem classify(long serviceId, String status, String token,
                                     Map<Integer, TreeMap<BigInteger, PoolRow>> pools,
                                     Map<Integer, List<AddressRange>> subnets,
                                     Map<Long, TreeMap<BigInteger, Held>> held, Set<List<Long>> servicesInPools,
                                     Map<Long, TreeMap<BigInteger, BigInteger>> occupied, List<NewBlock> blocks) {
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
        PoolRow pool = candidate.getValue();
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
        blocks.add(new NewBlock(pool, serviceId, block));
        return new SyncItem(serviceId, status, token, SyncOutcome.ASSIGNED, "pool " + pool.id());
    }

    private void write(DSLContext tx, List<NewBlock> blocks, Map<Long, TreeMap<BigInteger, BigInteger>> occupied) {
        if (blocks.isEmpty()) {
            return;
        }
        // Values are written inline into multi-row INSERTs: they are numbers, a constant word, a
        // timestamp and canonical addresses we formatted ourselves, and binding over a million
        // parameters costs more than the statements themselves.
        String now = SQL_TIME.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        String head = "INSERT INTO " + A.getName() + " (" + String.join(", ", A.POOL_ID.getName(), A.SUBNET_ID.getName(),
                A.SERVICE_ID.getName(), A.FAMILY.getName(), A.FIRST_VALUE.getName(), A.LAST_VALUE.getName(),
                A.PREFIX_LENGTH.getName(), A.ADDRESS.getName(), A.STATUS.getName(), A.ASSIGNED_AT.getName(),
                A.LIVE_FIRST_VALUE.getName(), A.LIVE_SERVICE_ID.getName()) + ") VALUES ";
        String assigned = AssignmentStatus.ASSIGNED.name();
        for (int from = 0; from < blocks.size(); from += ROWS_PER_STATEMENT) {
            StringBuilder sql = new StringBuilder(head);
            List<NewBlock> chunk = blocks.subList(from, Math.min(blocks.size(), from + ROWS_PER_STATEMENT));
            for (int i = 0; i < chunk.size(); i++) {
                NewBlock b = chunk.get(i);
                String address = b.pool().family().format(b.block().first(), b.block().prefixLength());
                if (!SAFE_ADDRESS.matcher(address).matches()) {
                    throw new IllegalStateException("unexpected address text " + address);
                }
                sql.append(i == 0 ? "(" : ",(").append(b.pool().id()).append(',').append(b.pool().subnetId()).append(',')
                        .append(b.serviceId()).append(',').append(b.pool().family().code()).append(',')
                        .append(b.block().first()).append(',').append(b.block().last()).append(',')
                        .append(b.block().prefixLength()).append(",'").append(address).append("','")
                        .append(assigned).append("','").append(now).append("',").append(b.block().first())
                        .append(',').append(b.serviceId()).append(')');
            }
            tx.execute(sql.toString());
        }
        Set<Long> touched = new HashSet<>();
        blocks.forEach(b -> touched.add(b.pool().id()));
        for (long poolId : touched) {
            List<AddressRange> runs = new ArrayList<>();
            occupied.get(poolId).forEach((first, last) -> runs.add(new AddressRange(first, last)));
            List<AddressRange> merged = AddressRange.coalesce(runs);
            tx.deleteFrom(O).where(O.POOL_ID.eq(poolId)).execute();
            for (int from = 0; from < merged.size(); from += ROWS_PER_STATEMENT) {
                var insert = tx.insertInto(O, O.POOL_ID, O.FIRST_VALUE, O.LAST_VALUE);
                for (AddressRange r : merged.subList(from, Math.min(merged.size(), from + ROWS_PER_STATEMENT))) {
                    insert = insert.values(poolId, r.first(), r.last());
                }
                insert.execute();
            }
        }
    }

    private record PoolRow(long id, long subnetId, AddressFamily family, PoolKind kind, int blockPrefixLength,
                           AddressRange range) {
    }

    private record Held(BigInteger last, Long liveServiceId, long serviceId) {
    }

    private record NewBlock(PoolRow pool, long serviceId, HostingText.Block block) {
    }
}
