package io.routerbridge.ipam.orphans;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.http.Context;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.actionlog.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** GET /api/v1/orphans and POST /api/v1/orphans/release. */
public final class OrphanRoutes implements ApiRoutes {
    static final int MAX_IDS = 1000;

    private final Orphans orphans;

    public OrphanRoutes(Orphans orphans) {
        this.orphans = orphans;
    }

    /** Either {"ids":[assignment ids]} or {"all":true}. */
    record ReleaseBody(List<Long> ids, Boolean all) {
    }

    @Override
    public void addRoutes() {
        get("orphans", ctx -> ctx.json(orphans.list().stream().map(OrphanRoutes::view).toList()));
        post("orphans/release", this::release);
    }

    private void release(Context ctx) {
        ReleaseBody body = ApiRequests.body(ctx, ReleaseBody.class);
        Actor actor = Actor.apiKey(ApiRequests.apiKeyName(ctx));
        boolean all = Boolean.TRUE.equals(body.all());
        if (all && body.ids() != null) {
            throw new InvalidInputException("give either ids or all, not both", "ids");
        }
        List<ReleaseResult> results;
        if (all) {
            results = orphans.releaseAll(actor);
        } else {
            results = orphans.release(ids(body.ids()), actor);
        }
        ctx.json(Map.of("results", results));
    }

    private static List<Long> ids(List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException("ids must list the assignment ids to release (or send all: true)", "ids");
        }
        if (ids.size() > MAX_IDS) {
            throw new InvalidInputException("at most " + MAX_IDS + " ids per request", "ids");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i) <= 0) {
                throw new InvalidInputException("ids[" + i + "] must be a positive integer", "ids[" + i + "]");
            }
        }
        return ids;
    }

    private static Map<String, Object> view(Orphan orphan) {
        HeldBlock block = orphan.block();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("assignmentId", block.assignmentId());
        view.put("poolId", block.poolId());
        view.put("serviceId", block.serviceId());
        view.put("address", block.address());
        view.put("serviceStatus", block.serviceStatus());
        view.put("reason", orphan.reason().name().toLowerCase(Locale.ROOT));
        return view;
    }
}
