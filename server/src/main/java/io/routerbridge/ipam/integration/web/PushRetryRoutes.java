package io.routerbridge.ipam.integration.web;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.integration.PushRetrier;
import io.routerbridge.ipam.integration.PushRetry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** /api/v1/integrations/retries: pushes to NetBox or the webhook that failed and wait for their next attempt. */
public final class PushRetryRoutes implements ApiRoutes {
    private static final int MAX_LIMIT = 1000;

    private final PushRetrier retrier;

    public PushRetryRoutes(PushRetrier retrier) {
        this.retrier = retrier;
    }

    @Override
    public void addRoutes() {
        get("integrations/retries", this::list);
        post("integrations/retries/{id}/retry", this::retryNow);
        delete("integrations/retries/{id}", this::drop);
    }

    private void list(Context ctx) {
        int limit = ApiRequests.queryInt(ctx, "limit", 1, MAX_LIMIT).orElse(MAX_LIMIT);
        ctx.json(retrier.pending(limit).stream().map(PushRetryRoutes::view).toList());
    }

    private void retryNow(Context ctx) {
        PushRetrier.Outcome outcome = retrier.retryNow(ApiRequests.pathId(ctx, "id"));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", outcome.id());
        view.put("result", outcome.result().name().toLowerCase(Locale.ROOT));
        view.put("error", outcome.error());
        ctx.json(view);
    }

    private void drop(Context ctx) {
        retrier.drop(ApiRequests.pathId(ctx, "id"), Actor.apiKey(ApiRequests.apiKeyName(ctx)));
        ctx.status(204);
    }

    private static Map<String, Object> view(PushRetry retry) {
        Assignment assignment = retry.assignment();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", retry.id());
        view.put("integration", retry.integration());
        view.put("operation", retry.operation());
        view.put("address", assignment.address());
        view.put("serviceId", assignment.serviceId());
        view.put("assignmentId", assignment.id());
        view.put("attempts", retry.attempts());
        view.put("lastError", retry.lastError());
        view.put("firstFailedAt", retry.firstFailedAt().toString());
        view.put("nextRetryAt", retry.nextRetryAt().toString());
        return view;
    }
}
