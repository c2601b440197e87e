package io.routerbridge.ipam.web;

import static io.routerbridge.api.ApiRequests.body;
import static io.routerbridge.api.ApiRequests.pathId;

import io.javalin.http.Context;
import io.routerbridge.api.ApiRequests;
import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.AssignmentFilter;
import io.routerbridge.ipam.AssignmentSearch;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamNotFoundException;
import java.util.Locale;

/** /api/v1/assignments: what services hold, assigning and unassigning. */
final class AssignmentEndpoints {
    static final int MAX_LIMIT = 1000;

    private final IpAllocator allocator;
    private final AssignmentSearch search;

    AssignmentEndpoints(IpAllocator allocator, AssignmentSearch search) {
        this.allocator = allocator;
        this.search = search;
    }

    /** Filters: poolId, subnetId, serviceId, status (assigned, quarantined, released); limit (default and max 1000). */
    void list(Context ctx) {
        AssignmentFilter filter = new AssignmentFilter(
                ApiRequests.queryId(ctx, "poolId").orElse(null),
                ApiRequests.queryId(ctx, "subnetId").orElse(null),
                ApiRequests.queryId(ctx, "serviceId").orElse(null),
                ApiRequests.queryEnum(ctx, "status", AssignmentStatus.class).orElse(null),
                ApiRequests.queryInt(ctx, "limit", 1, MAX_LIMIT).orElse(MAX_LIMIT));
        ctx.json(AssignmentView.of(search.find(filter)));
    }

    /** The service's block in the pool: the one it already holds, else a new one (idempotent). */
    void assign(Context ctx) {
        AssignmentBody request = body(ctx, AssignmentBody.class);
        long poolId = request.pool();
        long serviceId = request.service();
        Integer prefixLength = request.blockLength();
        Assignment assignment;
        try {
            assignment = prefixLength == null
                    ? allocator.allocate(poolId, serviceId)
                    : allocator.allocatePrefix(poolId, serviceId, prefixLength);
        } catch (IpamNotFoundException e) {
            throw new InvalidInputException(e.getMessage(), "poolId");
        }
        ctx.status(201).json(AssignmentView.of(assignment));
    }

    void get(Context ctx) {
        ctx.json(AssignmentView.of(search.get(pathId(ctx, "id"))));
    }

    /** Releases the block (into quarantine when the pool has one) and answers the released assignment. */
    void unassign(Context ctx) {
        Assignment held = search.get(pathId(ctx, "id"));
        if (held.status() != AssignmentStatus.ASSIGNED) {
            throw notAssigned(held);
        }
        Assignment released = allocator.release(held.serviceId(), held.poolId())
                .filter(a -> a.id() == held.id())
                .orElseThrow(() -> notAssigned(search.get(held.id())));
        ctx.json(AssignmentView.of(released));
    }

    private static ConflictException notAssigned(Assignment assignment) {
        return new ConflictException("assignment " + assignment.id() + " is already "
                + assignment.status().name().toLowerCase(Locale.ROOT), "id");
    }
}
