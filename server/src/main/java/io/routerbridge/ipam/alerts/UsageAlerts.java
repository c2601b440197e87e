package io.routerbridge.ipam.alerts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage per pool and subnet, and alerts when it reaches the threshold. An alert is raised once per
 * crossing: while a scope stays at or above the threshold its open alert blocks new ones; when usage
 * falls below, the alert is closed and the next crossing raises a new one.
 */
public final class UsageAlerts {
    private final UsageAlertRepository repository;
    private final Clock clock;

    public UsageAlerts(UsageAlertRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Pools first, then subnets, each by id. */
    public List<Usage> usage() {
        Map<Long, BigInteger> occupied = repository.occupiedByPool();
        List<Usage> pools = new ArrayList<>();
        Map<Long, BigInteger[]> bySubnet = new LinkedHashMap<>();
        for (UsageAlertRepository.PoolSpan pool : repository.pools()) {
            BigInteger capacity = pool.last().subtract(pool.first()).add(BigInteger.ONE);
            BigInteger used = occupied.getOrDefault(pool.id(), BigInteger.ZERO);
            pools.add(usage(Usage.POOL, pool.id(), pool.name(), used, capacity));
            bySubnet.merge(pool.subnetId(), new BigInteger[] {used, capacity},
                    (a, b) -> new BigInteger[] {a[0].add(b[0]), a[1].add(b[1])});
        }
        List<Usage> all = new ArrayList<>(pools);
        for (UsageAlertRepository.SubnetName subnet : repository.subnets()) {
            BigInteger[] sums = bySubnet.get(subnet.id());
            if (sums != null) {
                all.add(usage(Usage.SUBNET, subnet.id(), subnet.cidr(), sums[0], sums[1]));
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
        Instant now = clock.instant();
        Map<String, UsageAlertRepository.OpenAlert> open = new HashMap<>();
        for (UsageAlertRepository.OpenAlert alert : repository.openAlerts()) {
            open.put(alert.scope() + ":" + alert.scopeId(), alert);
        }
        BigDecimal limit = BigDecimal.valueOf(threshold);
        for (Usage usage : usage()) {
            UsageAlertRepository.OpenAlert alert = open.get(usage.scope() + ":" + usage.id());
            boolean above = usage.percent().compareTo(limit) >= 0;
            if (above && alert == null) {
                repository.raise(usage, threshold, now);
            } else if (!above && alert != null) {
                repository.clear(alert.id(), now);
            }
        }
    }

    /**
     * Alerts raised and not yet mailed, oldest first. Handing them out changes nothing: only {@link #markSent}
     * does, once WHMCS has mailed them, so an alert WHMCS could not mail is handed out again next time.
     */
    public List<Alert> pending() {
        List<Alert> alerts = new ArrayList<>();
        for (UsageAlertRepository.RaisedAlert row : repository.unsent()) {
            String what = row.scope() + " " + row.scopeName();
            alerts.add(new Alert(row.id(),
                    "IP usage of " + what + " is at " + row.usagePercent().toPlainString() + "%",
                    "Usage of " + what + " (id " + row.scopeId() + ") reached "
                            + row.usagePercent().toPlainString() + "%, at or above the alert threshold of "
                            + row.threshold() + "%. No further alert is sent for it until its usage falls "
                            + "below the threshold and crosses it again."));
        }
        return alerts;
    }

    /** Records that WHMCS mailed these alerts; an alert already marked keeps its first time. Answers how many changed. */
    public int markSent(Collection<Long> alertIds) {
        return alertIds.isEmpty() ? 0 : repository.markSent(alertIds, clock.instant());
    }
}
