package io.routerbridge.lifecycle.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.routerbridge.http.ApiRequests.body;
import static io.routerbridge.http.ApiRequests.pathId;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.lifecycle.ServiceLifecycle;
import io.routerbridge.lifecycle.VpnUserRecord;
import java.util.Map;

/** /api/v1/services/{id}: a provisioned service's state, its router plan and its VPN users. */
public final class LifecycleRoutes implements ApiRoutes {
    private final ServiceLifecycle lifecycle;

    public LifecycleRoutes(ServiceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void addRoutes() {
        path("services/{id}", () -> {
            get(ctx -> ctx.json(ServiceView.of(lifecycle.require(pathId(ctx, "id")))));
            get("plan", ctx -> ctx.json(Map.of("sentences", lifecycle.plan(pathId(ctx, "id")))));
            path("vpn-users", () -> {
                get(ctx -> ctx.json(VpnUserView.of(lifecycle.vpnUsers(pathId(ctx, "id")))));
                post(this::addVpnUser);
            });
        });
    }

    private void addVpnUser(Context ctx) {
        VpnUserBody request = body(ctx, VpnUserBody.class);
        VpnUserRecord added = lifecycle.addVpnUser(pathId(ctx, "id"), ApiRequests.required(request.name(), "name"),
                ApiRequests.required(request.password(), "password"));
        ctx.status(201).json(VpnUserView.of(added));
    }
}
