package io.routerbridge.ipam.sync;

import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.jobs.JobProgress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records as assignments the addresses WHMCS services already carry in {@code tblhosting.dedicatedip}
 * and {@code assignedips}. One transaction: every pool row is locked first (allocations wait), then
 * the pools, subnets, live assignments and occupied runs are read once, every address is classified
 * in memory by a {@link SyncClassifier}, and the new assignments and the rewritten occupied runs of
 * the touched pools are written in multi-row statements. Re-running it changes nothing (ALREADY_ASSIGNED).
 */
public final class WhmcsSync {
    private static final int PROGRESS_EVERY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(WhmcsSync.class);

    private final WhmcsSyncRepository repository;
    private final Clock clock;
    private final ActionLog actionLog;

    public WhmcsSync(WhmcsSyncRepository repository, Clock clock, ActionLog actionLog) {
        this.repository = repository;
        this.clock = clock;
        this.actionLog = actionLog;
    }

    public SyncReport run(boolean liveOnly, Actor actor, JobProgress progress) {
        SyncReport report = repository.inTransaction(tx -> syncLocked(tx, liveOnly, progress));
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

    private SyncReport syncLocked(WhmcsSyncRepository tx, boolean liveOnly, JobProgress progress) {
        long started = System.nanoTime();
        SyncClassifier classifier = new SyncClassifier(liveOnly, tx.lockAndReadHoldings());
        List<HostingRow> rows = tx.hostingRowsWithAddresses();
        long read = System.nanoTime();
        progress.total(rows.size());
        int done = 0;
        for (HostingRow row : rows) {
            classifier.classify(row);
            if (++done % PROGRESS_EVERY == 0) {
                progress.done(done);
            }
        }
        long classified = System.nanoTime();
        List<SyncClassifier.NewAssignment> assigned = classifier.newAssignments();
        if (!assigned.isEmpty()) {
            tx.insertAssignments(assigned, clock.instant());
            classifier.occupiedOfTouchedPools().forEach(tx::replaceOccupied);
        }
        progress.done(rows.size());
        log.info("sync of {} rows: read {} ms, classify {} ms, write {} ms", rows.size(), (read - started) / 1_000_000,
                (classified - read) / 1_000_000, (System.nanoTime() - classified) / 1_000_000);
        return new SyncReport(liveOnly, rows.size(), classifier.items());
    }
}
