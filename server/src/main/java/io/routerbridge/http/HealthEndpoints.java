package io.routerbridge.http;

import io.javalin.http.Context;
import io.routerbridge.db.ReadinessCheck;
import java.util.Map;

public final class HealthEndpoints {
    private final ReadinessCheck readiness;

    public HealthEndpoints(ReadinessCheck readiness) {
        this.readiness = readiness;
    }

    public void ready(Context ctx) {
        readiness.problem().ifPresentOrElse(
                problem -> ctx.status(503).json(Map.of("status", "unavailable", "error", problem)),
                () -> ctx.json(Map.of("status", "ready")));
    }
}
