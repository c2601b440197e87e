package io.routerbridge.jobs;

import io.routerbridge.http.ApiRoutes;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import java.util.List;

/** Long-running operator requests run as jobs whose progress is polled at {@code /api/v1/jobs/{id}}. */
public final class JobsModule implements Module {
    private final Jobs jobs;

    public JobsModule(Infrastructure infra) {
        this.jobs = new Jobs(new JobRepository(infra.dsl(), infra.json()), infra.clock());
    }

    public Jobs jobs() {
        return jobs;
    }

    @Override
    public List<ApiRoutes> restRoutes() {
        return List.of(new JobRoutes(jobs));
    }

    @Override
    public void close() {
        jobs.close();
    }
}
