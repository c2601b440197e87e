package io.routerbridge.ipam.orphans;

import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Takes a block back from a service for good: unassigns it (into quarantine when the pool has one),
 * removes it from tblhosting's dedicatedip/assignedips where they still hold it, and logs the action.
 * Shared by the orphan release and the IP cleaner. {@code afterRelease} is told of each committed
 * release (e.g. an IpamIntegration's removeIp); its failure is reported in the result, never undone.
 */
public final class AssignmentReleaser {
    private final IpAllocator allocator;
    private final HeldBlocks heldBlocks;
    private final ActionLog actionLog;
    private final Consumer<Assignment> afterRelease;

    public AssignmentReleaser(IpAllocator allocator, HeldBlocks heldBlocks, ActionLog actionLog) {
        this(allocator, heldBlocks, actionLog, released -> { });
    }

    public AssignmentReleaser(IpAllocator allocator, HeldBlocks heldBlocks, ActionLog actionLog,
                              Consumer<Assignment> afterRelease) {
        this.allocator = allocator;
        this.heldBlocks = heldBlocks;
        this.actionLog = actionLog;
        this.afterRelease = afterRelease;
    }

    public ReleaseResult release(HeldBlock block, Actor actor, String action, String why) {
        Optional<Assignment> released = allocator.release(block.serviceId(), block.poolId())
                .filter(a -> a.id() == block.assignmentId());
        if (released.isEmpty()) {
            return new ReleaseResult(block.assignmentId(), block.serviceId(), block.address(), false, false,
                    "no longer assigned");
        }
        String integration = "";
        try {
            afterRelease.accept(released.get());
        } catch (RuntimeException e) {
            integration = "; integration failed: " + e.getMessage();
        }
        boolean cleared = heldBlocks.clearFromWhmcs(block);
        String detail = why + (cleared ? "; removed from tblhosting" : "") + "; now "
                + released.get().status().name().toLowerCase(Locale.ROOT) + integration;
        actionLog.record(actor, action, block.serviceId(), block.address(), block.assignmentId(), detail);
        return new ReleaseResult(block.assignmentId(), block.serviceId(), block.address(), true, cleared, detail);
    }
}
