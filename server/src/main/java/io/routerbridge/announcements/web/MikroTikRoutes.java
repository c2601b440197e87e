package io.routerbridge.announcements.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static io.routerbridge.http.ApiRequests.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import io.routerbridge.announcements.MikroTikIntegration;
import io.routerbridge.announcements.MikroTikSettings;
import io.routerbridge.errors.NotFoundException;
import io.routerbridge.errors.UnavailableException;
import io.routerbridge.fleet.RouterAccess;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.http.ErrorMapper;
import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.integration.IntegrationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /api/v1/integrations/mikrotik: which router learns IPAM's assignments, and a read-only connection test. Must come
 * before IpamRoutes so that its translation of integration failures wins over IPAM's catch-all.
 */
public final class MikroTikRoutes implements ApiRoutes {
    private final MikroTikIntegration mikroTik;

    public MikroTikRoutes(MikroTikIntegration mikroTik) {
        this.mikroTik = mikroTik;
    }

    record SettingsBody(Boolean enabled, Integer router, String addressList,
                        @JsonProperty("interface") String gatewayInterface) {
    }

    @Override
    public void addRoutes() {
        get("integrations/mikrotik", this::settings);
        put("integrations/mikrotik", this::configure);
        post("integrations/mikrotik/test", this::test);
    }

    @Override
    public void translateErrors(ErrorMapper errors) {
        errors.translate(IntegrationException.class, e -> new UnavailableException(e.getMessage()));
    }

    private void settings(Context ctx) {
        ctx.json(view(mikroTik.settings()
                .orElseThrow(() -> new NotFoundException("the MikroTik integration is not configured"))));
    }

    private void test(Context ctx) {
        mikroTik.settings().orElseThrow(() -> new NotFoundException("the MikroTik integration is not configured"));
        ctx.json(mikroTik.test());
    }

    private void configure(Context ctx) {
        SettingsBody request = body(ctx, SettingsBody.class);
        if (request.router() == null) {
            throw new IpamValidationException("router", "router is required: the id of a WHMCS server of type "
                    + "routerbridge");
        }
        ctx.json(view(mikroTik.configure(new MikroTikSettings(request.enabled() == null || request.enabled(),
                request.router(), request.addressList(), request.gatewayInterface()))));
    }

    private Map<String, Object> view(MikroTikSettings settings) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", settings.enabled());
        view.put("router", settings.whmcsServerId());
        view.put("addressList", settings.addressList());
        view.put("interface", settings.gatewayInterface());
        mikroTik.routerOf(settings.whmcsServerId()).ifPresent(router -> {
            view.put("routerId", router.id());
            view.put("routerAddress", RouterAccess.endpoint(router).address());
        });
        return view;
    }
}
