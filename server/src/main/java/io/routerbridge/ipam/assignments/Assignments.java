package io.routerbridge.ipam.assignments;

import io.routerbridge.errors.ConflictException;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.AssignmentSearch;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamNotFoundException;
import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.integration.IntegrationFailure;
import io.routerbridge.ipam.integration.Integrations;
import io.routerbridge.ipam.orphans.AssignmentReleaser;
import io.routerbridge.ipam.orphans.HeldBlock;
import io.routerbridge.ipam.orphans.HeldBlocks;
import io.routerbridge.ipam.orphans.ReleaseResult;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Assigning and unassigning blocks as an operator, the API or WHMCS asks: IPAM's state is committed first, then every
 * integration is told ({@code addIp} / {@code removeIp}) and the action logged. An integration's failure never undoes
 * or blocks the assignment or release; it is answered in {@code integrationErrors} and written to the action log.
 * Releases go through {@link AssignmentReleaser}, the path the orphan release and the IP cleaner take too.
 */
public final class Assignments {
    private final IpAllocator allocator;
    private final AssignmentSearch search;
    private final HeldBlocks heldBlocks;
    private final AssignmentReleaser releaser;
    private final ActionLog actionLog;
    private final Integrations integrations;

    public Assignments(IpAllocator allocator, AssignmentSearch search, HeldBlocks heldBlocks,
                       AssignmentReleaser releaser, ActionLog actionLog, Integrations integrations) {
        this.allocator = allocator;
        this.search = search;
        this.heldBlocks = heldBlocks;
        this.releaser = releaser;
        this.actionLog = actionLog;
        this.integrations = integrations;
    }

    /** A block assigned (or already held) and what the integrations made of it. */
    public record Assigned(Assignment assignment, boolean alreadyHeld, List<IntegrationFailure> integrationErrors) {
        public Assigned {
            integrationErrors = List.copyOf(integrationErrors);
        }
    }

    /** A block released (or quarantined), whether tblhosting named it, and what the integrations made of it. */
    public record Unassigned(Assignment assignment, boolean clearedInWhmcs, List<IntegrationFailure> integrationErrors) {
        public Unassigned {
            integrationErrors = List.copyOf(integrationErrors);
        }
    }

    /**
     * The service's block in the pool: the one it already holds there, else the lowest free one ({@code blockLength}
     * null: the pool's own size). Idempotent for IPAM; every call, a repeat included, pushes {@code addIp} through
     * every integration, so a repeat also retries a push that failed before.
     *
     * @throws IpamValidationException (field poolId) when the pool does not exist
     * @throws io.routerbridge.ipam.PoolExhaustedException when nothing is free
     */
    public Assigned assign(long poolId, long serviceId, Integer blockLength, Actor actor) {
        Set<Long> heldBefore = allocator.assignmentsOf(serviceId).stream().map(Assignment::id)
                .collect(Collectors.toSet());
        Assignment assignment;
        try {
            assignment = blockLength == null ? allocator.allocate(poolId, serviceId)
                    : allocator.allocatePrefix(poolId, serviceId, blockLength);
        } catch (IpamNotFoundException e) {
            throw new IpamValidationException("poolId", e.getMessage());
        }
        boolean alreadyHeld = heldBefore.contains(assignment.id());
        List<IntegrationFailure> failures = integrations.addIp(assignment);
        actionLog.record(actor, ActionLog.ASSIGN, serviceId, assignment.address(), assignment.id(),
                "pool " + poolId + (alreadyHeld ? "; already held" : "")
                        + (failures.isEmpty() ? "" : "; integration failed: " + Integrations.describe(failures)));
        return new Assigned(assignment, alreadyHeld, failures);
    }

    /**
     * Releases an assigned block (into quarantine when the pool has one) through the shared release path.
     *
     * @throws IpamNotFoundException when there is no such assignment
     * @throws ConflictException (field id) when it is already released or quarantined
     */
    public Unassigned unassign(long assignmentId, Actor actor, String why) {
        Assignment held = search.get(assignmentId);
        if (held.status() != AssignmentStatus.ASSIGNED) {
            throw notAssigned(held);
        }
        HeldBlock block = heldBlocks.assigned(List.of(assignmentId)).stream().findFirst()
                .orElseThrow(() -> notAssigned(search.get(assignmentId)));
        ReleaseResult result = releaser.release(block, actor, ActionLog.UNASSIGN, why);
        if (!result.released()) {
            throw notAssigned(search.get(assignmentId));
        }
        return new Unassigned(search.get(assignmentId), result.clearedInWhmcs(), result.integrationErrors());
    }

    /**
     * Releases every block the service holds (e.g. at termination), each through the shared release path; answers
     * one result per block, none when the service holds nothing (a repeat is a no-op).
     */
    public List<ReleaseResult> releaseAllOf(long serviceId, Actor actor, String why) {
        return heldBlocks.assignedTo(serviceId).stream()
                .map(block -> releaser.release(block, actor, ActionLog.RELEASE, why))
                .toList();
    }

    private static ConflictException notAssigned(Assignment assignment) {
        return new ConflictException("assignment " + assignment.id() + " is already "
                + assignment.status().name().toLowerCase(Locale.ROOT), "id");
    }
}
