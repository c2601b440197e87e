package io.routerbridge.ipam.cleaner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.orphans.AssignmentReleaser;
import io.routerbridge.ipam.orphans.HeldBlock;
import io.routerbridge.ipam.orphans.HeldBlocks;
import io.routerbridge.ipam.orphans.ReleaseResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_CLEANER_RUN;

/**
 * Finds assignments of services that are no longer live (Terminated, Cancelled, Fraud, Completed or
 * gone from tblhosting; Pending services are not yet live and are left alone) and, in MARK_FREE mode,
 * releases them. Each run's report is stored; the daily cron hook hands the latest to WHMCS.
 */
public final class IpCleaner {
    public static final Set<String> DEAD_STATUSES = Set.of("Terminated", "Cancelled", "Fraud", "Completed");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final HeldBlocks heldBlocks;
    private final AssignmentReleaser releaser;
    private final ActionLog actionLog;
    private final Clock clock;
    private final ObjectMapper json;

    public IpCleaner(DSLContext dsl, HeldBlocks heldBlocks, AssignmentReleaser releaser, ActionLog actionLog,
                     Clock clock, ObjectMapper json) {
        this.dsl = dsl;
        this.heldBlocks = heldBlocks;
        this.releaser = releaser;
        this.actionLog = actionLog;
        this.clock = clock;
        this.json = json;
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
        var R = MOD_ROUTERBRIDGE_IPAM_CLEANER_RUN;
        try {
            dsl.insertInto(R).set(R.MODE, mode.name()).set(R.RAN_AT, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                    .set(R.FOUND, items.size()).set(R.RELEASED, (int) report.released())
                    .set(R.REPORT, json.writeValueAsString(report.toMap())).execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cleaner report not serialisable", e);
        }
        actionLog.record(actor, ActionLog.CLEANER, null, null, null,
                "mode=" + mode.name().toLowerCase(Locale.ROOT) + "; found=" + items.size()
                        + "; released=" + report.released());
        return report;
    }

    /** The latest stored report, as handed to WHMCS. */
    public Optional<Map<String, Object>> latestReport() {
        var R = MOD_ROUTERBRIDGE_IPAM_CLEANER_RUN;
        return dsl.select(R.REPORT).from(R).orderBy(R.ID.desc()).limit(1).fetchOptional(R.REPORT).map(text -> {
            try {
                return json.readValue(text, MAP);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable cleaner report", e);
            }
        });
    }
}
