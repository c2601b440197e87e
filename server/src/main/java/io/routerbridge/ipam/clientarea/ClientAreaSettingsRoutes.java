package io.routerbridge.ipam.clientarea;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.put;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import java.util.Map;

/** GET/PUT /api/v1/client-area/settings: whether clients may unassign their IPs in the client area. */
public final class ClientAreaSettingsRoutes implements ApiRoutes {
    private final ClientAreaSettings settings;

    public ClientAreaSettingsRoutes(ClientAreaSettings settings) {
        this.settings = settings;
    }

    record SettingsBody(Boolean clientUnassign) {
    }

    @Override
    public void addRoutes() {
        get("client-area/settings", ctx -> ctx.json(view()));
        put("client-area/settings", this::update);
    }

    private void update(Context ctx) {
        SettingsBody body = ApiRequests.body(ctx, SettingsBody.class);
        if (body.clientUnassign() != null) {
            settings.allowUnassign(body.clientUnassign());
        }
        ctx.json(view());
    }

    private Map<String, Object> view() {
        return Map.of("clientUnassign", settings.unassignAllowed());
    }
}
