package io.routerbridge.ipam.orphans;

import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.integration.IntegrationFailure;
import io.routerbridge.ipam.integration.Integrations;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one path by which a block is taken back from a service for good, shared by the REST unassign, the orphan
 * release, the IP cleaner, TerminateAccount and the AfterModuleTerminate hook: unassigns it (into quarantine when
 * the pool has one; committed first), removes it from tblhosting's dedicatedip/assignedips where they still hold
 * it, tells every integration ({@code removeIp}) and logs the action. An integration's failure is reported in the
 * result and the log, never undone.
 */
public final class AssignmentReleaser {
    private final IpAllocator allocator;
    private final HeldBlocks heldBlocks;
    private final ActionLog actionLog;
    private final Integrations integrations;

    public AssignmentReleaser(IpAllocator allocator, HeldBlocks heldBlocks, ActionLog actionLog) {
        this(allocator, heldBlocks, actionLog, Integrations.none());
    }

    public AssignmentReleaser(IpAllocator allocator, HeldBlocks heldBlocks, ActionLog actionLog,
                              Integrations integrations) {
        this.allocator = allocator;
        this.heldBlocks = heldBlocks;
        this.actionLog = actionLog;
        this.integrations = integrations;
    }

    /**
     * Releases the block if the service still holds it; {@code action} is the action log's verb (e.g.
     * {@link ActionLog#RELEASE}, {@link ActionLog#UNASSIGN}) and {@code why} starts the log's detail.
     */
    public ReleaseResult release(HeldBlock block, Actor actor, String action, String why) {
        Optional<Assignment> released = allocator.releaseAssignment(block.poolId(), block.assignmentId());
        if (released.isEmpty()) {
            return new ReleaseResult(block.assignmentId(), block.serviceId(), block.address(), false, false,
                    "no longer assigned");
        }
        boolean cleared = heldBlocks.clearFromWhmcs(block);
        List<IntegrationFailure> failures = integrations.removeIp(released.get());
        String detail = why + (cleared ? "; removed from tblhosting" : "") + "; now "
                + released.get().status().name().toLowerCase(Locale.ROOT)
                + (failures.isEmpty() ? "" : "; integration failed: " + Integrations.describe(failures));
        actionLog.record(actor, action, block.serviceId(), block.address(), block.assignmentId(), detail);
        return new ReleaseResult(block.assignmentId(), block.serviceId(), block.address(), true, cleared, detail,
                failures);
    }
}
