package io.routerbridge.ipam.web;

import static io.routerbridge.http.ApiRequests.body;
import static io.routerbridge.http.ApiRequests.pathId;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.ipam.AssignmentFilter;
import io.routerbridge.ipam.AssignmentSearch;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.assignments.Assignments;

/** /api/v1/assignments: what services hold, assigning and unassigning. */
final class AssignmentEndpoints {
    static final int MAX_LIMIT = 1000;

    private final Assignments assignments;
    private final AssignmentSearch search;

    AssignmentEndpoints(Assignments assignments, AssignmentSearch search) {
        this.assignments = assignments;
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

    /** The service's block in the pool: the one it already holds, else a new one (idempotent); pushed to integrations. */
    void assign(Context ctx) {
        AssignmentBody request = body(ctx, AssignmentBody.class);
        var assigned = assignments.assign(request.pool(), request.service(), request.blockLength(), actor(ctx));
        ctx.status(201).json(AssignmentView.of(assigned.assignment(), assigned.integrationErrors()));
    }

    void get(Context ctx) {
        ctx.json(AssignmentView.of(search.get(pathId(ctx, "id"))));
    }

    /** Releases the block (into quarantine when the pool has one) and answers the released assignment. */
    void unassign(Context ctx) {
        var unassigned = assignments.unassign(pathId(ctx, "id"), actor(ctx), "unassigned through the API");
        ctx.json(AssignmentView.of(unassigned.assignment(), unassigned.integrationErrors()));
    }

    private static Actor actor(Context ctx) {
        return Actor.apiKey(ApiRequests.apiKeyName(ctx));
    }
}
