package io.routerbridge.ipam.actionlog;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.http.Context;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** GET /api/v1/logs with filters action, serviceId, address, actorType, actor, since, until, limit. */
public final class LogRoutes implements ApiRoutes {
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;

    private final ActionLog log;

    public LogRoutes(ActionLog log) {
        this.log = log;
    }

    @Override
    public void addRoutes() {
        get("logs", this::list);
    }

    private void list(Context ctx) {
        LogFilter filter = new LogFilter(
                ApiRequests.queryText(ctx, "action").map(a -> a.toLowerCase(Locale.ROOT)).orElse(null),
                ApiRequests.queryId(ctx, "serviceId").orElse(null),
                ApiRequests.queryText(ctx, "address").orElse(null),
                ApiRequests.queryEnum(ctx, "actorType", Actor.ActorType.class).orElse(null),
                ApiRequests.queryText(ctx, "actor").orElse(null),
                time(ctx, "since"), time(ctx, "until"),
                ApiRequests.queryInt(ctx, "limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT));
        ctx.json(log.find(filter).stream().map(LogRoutes::view).toList());
    }

    private static Instant time(Context ctx, String name) {
        return ApiRequests.queryText(ctx, name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(name + " must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z", name);
            }
        }).orElse(null);
    }

    private static Map<String, Object> view(LoggedAction entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("at", entry.at().toString());
        view.put("actorType", entry.actor().type().name().toLowerCase(Locale.ROOT));
        view.put("actor", entry.actor().name());
        view.put("action", entry.action());
        view.put("serviceId", entry.serviceId());
        view.put("address", entry.address());
        view.put("assignmentId", entry.assignmentId());
        view.put("detail", entry.detail());
        return view;
    }
}
