package io.routerbridge.ipam.cleaner;

import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.orphans.AssignmentReleaser;
import io.routerbridge.ipam.orphans.HeldBlock;
import io.routerbridge.ipam.orphans.HeldBlocks;
import io.routerbridge.ipam.orphans.ReleaseResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds assignments of services that are no longer live (Terminated, Cancelled, Fraud, Completed or
 * gone from tblhosting; Pending services are not yet live and are left alone) and, in MARK_FREE mode,
 * releases them. Each run's report is stored; the daily cron hook hands the latest to WHMCS.
 */
public final class IpCleaner {
    public static final Set<String> DEAD_STATUSES = Set.of("Terminated", "Cancelled", "Fraud", "Completed");

    private final CleanerRunRepository runs;
    private final HeldBlocks heldBlocks;
    private final AssignmentReleaser releaser;
    private final ActionLog actionLog;
    private final Clock clock;

    public IpCleaner(CleanerRunRepository runs, HeldBlocks heldBlocks, AssignmentReleaser releaser,
                     ActionLog actionLog, Clock clock) {
        this.runs = runs;
        this.heldBlocks = heldBlocks;
        this.releaser = releaser;
        this.actionLog = actionLog;
        this.clock = clock;
    }

    public CleanerReport run(CleanerMode mode, Actor actor) {
        Instant now = clock.instant();
        List<CleanerReport.Item> items = new ArrayList<>();
        for (HeldBlock block : heldBlocks.assigned()) {
            if (block.serviceExists() && !DEAD_STATUSES.contains(block.serviceStatus())) {
                continue;
            }
            boolean released = false;
            if (mode == CleanerMode.MARK_FREE) {
                ReleaseResult result = releaser.release(block, actor, ActionLog.RELEASE, "ip cleaner: service "
                        + (block.serviceExists() ? block.serviceStatus() : "missing"));
                released = result.released();
            }
            items.add(new CleanerReport.Item(block.assignmentId(), block.serviceId(), block.address(),
                    block.serviceStatus(), released));
        }
        CleanerReport report = new CleanerReport(mode, now, items);
        runs.insert(report);
        actionLog.record(actor, ActionLog.CLEANER, null, null, null,
                "mode=" + mode.name().toLowerCase(Locale.ROOT) + "; found=" + items.size()
                        + "; released=" + report.released());
        return report;
    }

    /** The latest stored report, as handed to WHMCS. */
    public Optional<Map<String, Object>> latestReport() {
        return runs.latestReport();
    }
}
