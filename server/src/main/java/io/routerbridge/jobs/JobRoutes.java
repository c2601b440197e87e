package io.routerbridge.jobs;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.routerbridge.errors.NotFoundException;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.http.ErrorMapper;

/** GET /api/v1/jobs/{id}: state and progress of a long job. */
public final class JobRoutes implements ApiRoutes {
    private final Jobs jobs;

    public JobRoutes(Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void addRoutes() {
        get("jobs/{id}", ctx -> ctx.json(jobs.get(ApiRequests.pathId(ctx, "id"))));
    }

    @Override
    public void translateErrors(ErrorMapper errors) {
        errors.translate(JobNotFoundException.class, e -> new NotFoundException(e.getMessage()));
    }
}
