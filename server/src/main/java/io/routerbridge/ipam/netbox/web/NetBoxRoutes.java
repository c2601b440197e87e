package io.routerbridge.ipam.netbox.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static io.routerbridge.http.ApiRequests.body;

import io.javalin.http.Context;
import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.NotFoundException;
import io.routerbridge.errors.UnavailableException;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.http.ErrorMapper;
import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.integration.IntegrationException;
import io.routerbridge.ipam.netbox.NetBoxIntegration;
import io.routerbridge.ipam.netbox.NetBoxNotConfiguredException;
import io.routerbridge.ipam.netbox.NetBoxReleaseMode;
import io.routerbridge.ipam.netbox.NetBoxSettings;
import java.util.Locale;
import java.util.Map;

/**
 * /api/v1/netbox: settings (the token is write-only) and pull. Must come before IpamRoutes in the
 * route list so that its translations win over IPAM's catch-all for {@code IpamException}.
 */
public final class NetBoxRoutes implements ApiRoutes {
    private final NetBoxIntegration netBox;

    public NetBoxRoutes(NetBoxIntegration netBox) {
        this.netBox = netBox;
    }

    /** Body of PUT /netbox/settings; releaseMode is "deprecate" (default) or "delete". */
    record SettingsBody(String url, String token, String releaseMode) {
    }

    @Override
    public void addRoutes() {
        get("netbox/settings", this::settings);
        put("netbox/settings", this::configure);
        post("netbox/pull", ctx -> ctx.json(netBox.pull()));
    }

    @Override
    public void translateErrors(ErrorMapper errors) {
        errors.translate(NetBoxNotConfiguredException.class, e -> new ConflictException(e.getMessage()));
        errors.translate(IntegrationException.class, e -> new UnavailableException(e.getMessage()));
    }

    private void settings(Context ctx) {
        NetBoxSettings settings = netBox.settings().orElseThrow(() -> new NotFoundException("NetBox is not configured"));
        ctx.json(view(settings, netBox.releaseMode().orElseThrow()));
    }

    private void configure(Context ctx) {
        SettingsBody request = body(ctx, SettingsBody.class);
        NetBoxSettings settings = NetBoxSettings.of(request.url(), request.token());
        NetBoxReleaseMode mode = releaseMode(request.releaseMode());
        netBox.configure(settings, mode);
        ctx.json(view(settings, mode));
    }

    private static NetBoxReleaseMode releaseMode(String text) {
        if (text == null || text.isBlank()) {
            return NetBoxReleaseMode.DEPRECATE;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "deprecate" -> NetBoxReleaseMode.DEPRECATE;
            case "delete" -> NetBoxReleaseMode.DELETE;
            default -> throw new IpamValidationException("releaseMode", "releaseMode must be deprecate or delete");
        };
    }

    private static Map<String, Object> view(NetBoxSettings settings, NetBoxReleaseMode mode) {
        return Map.of("url", settings.baseUrl().toString(), "tokenSet", true,
                "releaseMode", mode.name().toLowerCase(Locale.ROOT));
    }
}
