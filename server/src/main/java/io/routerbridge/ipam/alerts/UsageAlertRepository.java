package io.routerbridge.ipam.alerts;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamOccupied;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnet;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamUsageAlert;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamUsageAlertRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_USAGE_ALERT;

/** What usage is computed from (pools, subnets, occupied space) and the alerts in mod_routerbridge_ipam_usage_alert. */
public final class UsageAlertRepository {
    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamSubnet S = MOD_ROUTERBRIDGE_IPAM_SUBNET;
    private static final ModRouterbridgeIpamOccupied O = MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
    private static final ModRouterbridgeIpamUsageAlert U = MOD_ROUTERBRIDGE_IPAM_USAGE_ALERT;

    /** A pool's range, first and last value included. */
    record PoolSpan(long id, String name, long subnetId, BigInteger first, BigInteger last) {
    }

    record SubnetName(long id, String cidr) {
    }

    /** An alert not yet cleared. */
    record OpenAlert(long id, String scope, long scopeId) {
    }

    /** An alert as raised, for the e-mail. */
    record RaisedAlert(long id, String scope, long scopeId, String scopeName, BigDecimal usagePercent, int threshold) {
    }

    private final DSLContext dsl;

    public UsageAlertRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Occupied addresses per pool id; pools without occupied space are absent. */
    Map<Long, BigInteger> occupiedByPool() {
        Map<Long, BigInteger> occupied = new HashMap<>();
        for (Record r : dsl.select(O.POOL_ID, DSL.sum(O.LAST_VALUE.minus(O.FIRST_VALUE).plus(BigDecimal.ONE)))
                .from(O).groupBy(O.POOL_ID).fetch()) {
            occupied.put(r.get(O.POOL_ID), ((BigDecimal) r.get(1)).toBigInteger());
        }
        return occupied;
    }

    /** By id. */
    List<PoolSpan> pools() {
        return dsl.select(P.ID, P.NAME, P.SUBNET_ID, P.FIRST_VALUE, P.LAST_VALUE).from(P).orderBy(P.ID)
                .fetch(r -> new PoolSpan(r.get(P.ID), r.get(P.NAME), r.get(P.SUBNET_ID), r.get(P.FIRST_VALUE),
                        r.get(P.LAST_VALUE)));
    }

    /** By id. */
    List<SubnetName> subnets() {
        return dsl.select(S.ID, S.CIDR).from(S).orderBy(S.ID).fetch(r -> new SubnetName(r.get(S.ID), r.get(S.CIDR)));
    }

    List<OpenAlert> openAlerts() {
        List<OpenAlert> open = new ArrayList<>();
        for (ModRouterbridgeIpamUsageAlertRecord row : dsl.selectFrom(U).where(U.CLEARED_AT.isNull()).fetch()) {
            open.add(new OpenAlert(row.getId(), row.getScope(), row.getScopeId()));
        }
        return open;
    }

    void raise(Usage usage, int threshold, Instant at) {
        dsl.insertInto(U).set(U.SCOPE, usage.scope()).set(U.SCOPE_ID, usage.id())
                .set(U.SCOPE_NAME, usage.name()).set(U.USAGE_PERCENT, usage.percent())
                .set(U.THRESHOLD, threshold).set(U.RAISED_AT, utc(at)).execute();
    }

    void clear(long alertId, Instant at) {
        dsl.update(U).set(U.CLEARED_AT, utc(at)).where(U.ID.eq(alertId)).execute();
    }

    /** In one transaction: the open alerts not yet sent, by id, each marked sent at {@code at}. */
    List<RaisedAlert> unsent() {
        List<RaisedAlert> alerts = new ArrayList<>();
        for (ModRouterbridgeIpamUsageAlertRecord row : dsl.selectFrom(U)
                .where(U.SENT_AT.isNull(), U.CLEARED_AT.isNull()).orderBy(U.ID).fetch()) {
            alerts.add(new RaisedAlert(row.getId(), row.getScope(), row.getScopeId(), row.getScopeName(),
                    row.getUsagePercent(), row.getThreshold()));
        }
        return alerts;
    }

    int markSent(Collection<Long> alertIds, Instant at) {
        return dsl.update(U).set(U.SENT_AT, utc(at)).where(U.ID.in(alertIds), U.SENT_AT.isNull()).execute();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
