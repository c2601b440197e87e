package io.routerbridge.ipam.alerts;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnet;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamUsageAlert;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamUsageAlertRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_USAGE_ALERT;

/**
 * Usage per pool and subnet, and alerts when it reaches the threshold. An alert is raised once per
 * crossing: while a scope stays at or above the threshold its open alert blocks new ones; when usage
 * falls below, the alert is closed and the next crossing raises a new one.
 */
public final class UsageAlerts {
    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamSubnet S = MOD_ROUTERBRIDGE_IPAM_SUBNET;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
    private static final ModRouterbridgeIpamUsageAlert U = MOD_ROUTERBRIDGE_IPAM_USAGE_ALERT;

    private final DSLContext dsl;
    private final Clock clock;

    public UsageAlerts(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Pools first, then subnets, each by id. */
    public List<Usage> usage() {
        Map<Long, BigInteger> occupied = new HashMap<>();
        for (Record r : dsl.select(O.POOL_ID, DSL.sum(O.LAST_VALUE.minus(O.FIRST_VALUE).plus(BigDecimal.ONE)))
                .from(O).groupBy(O.POOL_ID).fetch()) {
            occupied.put(r.get(O.POOL_ID), ((BigDecimal) r.get(1)).toBigInteger());
        }
        List<Usage> pools = new ArrayList<>();
        Map<Long, BigInteger[]> bySubnet = new LinkedHashMap<>();
        for (Record r : dsl.select(P.ID, P.NAME, P.SUBNET_ID, P.FIRST_VALUE, P.LAST_VALUE).from(P).orderBy(P.ID).fetch()) {
            BigInteger capacity = r.get(P.LAST_VALUE).subtract(r.get(P.FIRST_VALUE)).add(BigInteger.ONE);
            BigInteger used = occupied.getOrDefault(r.get(P.ID), BigInteger.ZERO);
            pools.add(usage(Usage.POOL, r.get(P.ID), r.get(P.NAME), used, capacity));
            bySubnet.merge(r.get(P.SUBNET_ID), new BigInteger[] {used, capacity},
                    (a, b) -> new BigInteger[] {a[0].add(b[0]), a[1].add(b[1])});
        }
        List<Usage> all = new ArrayList<>(pools);
        for (Record r : dsl.select(S.ID, S.CIDR).from(S).orderBy(S.ID).fetch()) {
            BigInteger[] sums = bySubnet.get(r.get(S.ID));
            if (sums != null) {
                all.add(usage(Usage.SUBNET, r.get(S.ID), r.get(S.CIDR), sums[0], sums[1]));
            }
        }
        return all;
    }

    private static Usage usage(String scope, long id, String name, BigInteger used, BigInteger capacity) {
        BigDecimal percent = new BigDecimal(used).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(capacity), 2, RoundingMode.DOWN);
        return new Usage(scope, id, name, used, capacity, percent);
    }

    /** Raises alerts for new crossings of the threshold and closes those whose scope fell below it. */
    public void evaluate(int threshold) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, ModRouterbridgeIpamUsageAlertRecord> open = new HashMap<>();
        for (ModRouterbridgeIpamUsageAlertRecord row : dsl.selectFrom(U).where(U.CLEARED_AT.isNull()).fetch()) {
            open.put(row.getScope() + ":" + row.getScopeId(), row);
        }
        BigDecimal limit = BigDecimal.valueOf(threshold);
        for (Usage usage : usage()) {
            ModRouterbridgeIpamUsageAlertRecord alert = open.get(usage.scope() + ":" + usage.id());
            boolean above = usage.percent().compareTo(limit) >= 0;
            if (above && alert == null) {
                dsl.insertInto(U).set(U.SCOPE, usage.scope()).set(U.SCOPE_ID, usage.id())
                        .set(U.SCOPE_NAME, usage.name()).set(U.USAGE_PERCENT, usage.percent())
                        .set(U.THRESHOLD, threshold).set(U.RAISED_AT, now).execute();
            } else if (!above && alert != null) {
                alert.setClearedAt(now);
                alert.store();
            }
        }
    }

    /**
     * Alerts raised and not yet mailed, oldest first. Handing them out changes nothing: only {@link #markSent}
     * does, once WHMCS has mailed them, so an alert WHMCS could not mail is handed out again next time.
     */
    public List<Alert> pending() {
        List<Alert> alerts = new ArrayList<>();
        for (ModRouterbridgeIpamUsageAlertRecord row : dsl.selectFrom(U)
                .where(U.SENT_AT.isNull(), U.CLEARED_AT.isNull()).orderBy(U.ID).fetch()) {
            String what = row.getScope() + " " + row.getScopeName();
            alerts.add(new Alert(row.getId(),
                    "IP usage of " + what + " is at " + row.getUsagePercent().toPlainString() + "%",
                    "Usage of " + what + " (id " + row.getScopeId() + ") reached "
                            + row.getUsagePercent().toPlainString() + "%, at or above the alert threshold of "
                            + row.getThreshold() + "%. No further alert is sent for it until its usage falls "
                            + "below the threshold and crosses it again."));
        }
        return alerts;
    }

    /** Records that WHMCS mailed these alerts; an alert already marked keeps its first time. Answers how many changed. */
    public int markSent(Collection<Long> alertIds) {
        if (alertIds.isEmpty()) {
            return 0;
        }
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return dsl.update(U).set(U.SENT_AT, now).where(U.ID.in(alertIds), U.SENT_AT.isNull()).execute();
    }
}
