package io.routerbridge.ipam.orphans;

import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.sync.HostingText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Assignments whose WHMCS service is Terminated, Cancelled, Fraud or missing, or whose service's
 * dedicatedip/assignedips no longer mention the address; and their release.
 */
public final class Orphans {
    private final HeldBlocks heldBlocks;
    private final AssignmentReleaser releaser;

    public Orphans(HeldBlocks heldBlocks, AssignmentReleaser releaser) {
        this.heldBlocks = heldBlocks;
        this.releaser = releaser;
    }

    public List<Orphan> list() {
        List<Orphan> orphans = new ArrayList<>();
        for (HeldBlock block : heldBlocks.assigned()) {
            reasonOf(block).ifPresent(reason -> orphans.add(new Orphan(block, reason)));
        }
        return orphans;
    }

    static Optional<OrphanReason> reasonOf(HeldBlock block) {
        if (!block.serviceExists()) {
            return Optional.of(OrphanReason.SERVICE_MISSING);
        }
        return switch (block.serviceStatus()) {
            case "Terminated" -> Optional.of(OrphanReason.SERVICE_TERMINATED);
            case "Cancelled" -> Optional.of(OrphanReason.SERVICE_CANCELLED);
            case "Fraud" -> Optional.of(OrphanReason.SERVICE_FRAUD);
            default -> HostingText.mentions(block.dedicatedIp(), block.assignedIps(), block.family(), block.first())
                    ? Optional.empty() : Optional.of(OrphanReason.NOT_IN_WHMCS_FIELDS);
        };
    }

    /** Releases every orphan now. */
    public List<ReleaseResult> releaseAll(Actor actor) {
        return list().stream().map(orphan -> release(orphan, actor)).toList();
    }

    /** Releases the given assignments if they are (still) orphans; the others are reported, not touched. */
    public List<ReleaseResult> release(Collection<Long> assignmentIds, Actor actor) {
        Map<Long, HeldBlock> found = new LinkedHashMap<>();
        heldBlocks.assigned(assignmentIds).forEach(block -> found.put(block.assignmentId(), block));
        List<ReleaseResult> results = new ArrayList<>();
        for (long id : assignmentIds.stream().distinct().toList()) {
            HeldBlock block = found.get(id);
            if (block == null) {
                results.add(new ReleaseResult(id, null, null, false, false, "not an assigned block"));
                continue;
            }
            Optional<OrphanReason> reason = reasonOf(block);
            results.add(reason.isPresent() ? release(new Orphan(block, reason.get()), actor)
                    : new ReleaseResult(id, block.serviceId(), block.address(), false, false,
                    "not an orphan: service is " + block.serviceStatus() + " and names the address"));
        }
        return results;
    }

    private ReleaseResult release(Orphan orphan, Actor actor) {
        return releaser.release(orphan.block(), actor, ActionLog.RELEASE,
                "orphan: " + orphan.reason().name().toLowerCase(Locale.ROOT));
    }
}
