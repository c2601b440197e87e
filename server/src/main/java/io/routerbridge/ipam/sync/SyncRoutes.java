package io.routerbridge.ipam.sync;

import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.jobs.Jobs;
import java.util.Map;

/** POST /api/v1/sync: starts a sync from tblhosting as a job; poll GET /api/v1/jobs/{id}. */
public final class SyncRoutes implements ApiRoutes {
    public static final String JOB_KIND = "whmcs-sync";
    static final int SUMMARY_ITEMS = 1000;

    private final WhmcsSync sync;
    private final Jobs jobs;

    public SyncRoutes(WhmcsSync sync, Jobs jobs) {
        this.sync = sync;
        this.jobs = jobs;
    }

    /** {"liveOnly": true} (the default) imports only Active and Suspended services. */
    record SyncBody(Boolean liveOnly) {
    }

    @Override
    public void addRoutes() {
        post("sync", this::start);
    }

    private void start(Context ctx) {
        SyncBody body = ctx.body().isBlank() ? new SyncBody(null) : ApiRequests.body(ctx, SyncBody.class);
        boolean liveOnly = body.liveOnly() == null || body.liveOnly();
        Actor actor = Actor.apiKey(ApiRequests.apiKeyName(ctx));
        long id = jobs.submit(JOB_KIND, actor.name(),
                progress -> sync.run(liveOnly, actor, progress).summary(SUMMARY_ITEMS));
        ctx.status(202).json(Map.of("jobId", id, "liveOnly", liveOnly));
    }
}
