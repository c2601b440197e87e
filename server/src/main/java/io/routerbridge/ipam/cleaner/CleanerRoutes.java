package io.routerbridge.ipam.cleaner;

import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.actionlog.Actor;

/** POST /api/v1/cleaner/run {"mode":"notify"|"mark-free"}: runs the IP cleaner now and answers its report. */
public final class CleanerRoutes implements ApiRoutes {
    private final IpCleaner cleaner;

    public CleanerRoutes(IpCleaner cleaner) {
        this.cleaner = cleaner;
    }

    record RunBody(String mode) {
    }

    @Override
    public void addRoutes() {
        post("cleaner/run", this::run);
    }

    private void run(Context ctx) {
        RunBody body = ApiRequests.body(ctx, RunBody.class);
        String mode = ApiRequests.required(body.mode(), "mode").replace('-', '_');
        CleanerMode parsed = ApiRequests.enumValue(mode, "mode", CleanerMode.class);
        ctx.json(cleaner.run(parsed, Actor.apiKey(ApiRequests.apiKeyName(ctx))).toMap());
    }
}
