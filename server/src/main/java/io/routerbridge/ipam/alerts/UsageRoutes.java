package io.routerbridge.ipam.alerts;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.put;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.cleaner.CleanerMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** GET /api/v1/usage (usage per pool and subnet) and GET/PUT /api/v1/housekeeping/settings. */
public final class UsageRoutes implements ApiRoutes {
    private final UsageAlerts alerts;
    private final HousekeepingSettings settings;

    public UsageRoutes(UsageAlerts alerts, HousekeepingSettings settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    record SettingsBody(Integer usageThreshold, Boolean cleanerEnabled, String cleanerMode) {
    }

    @Override
    public void addRoutes() {
        get("usage", ctx -> ctx.json(Map.of("threshold", settings.read().usageThreshold(),
                "usage", alerts.usage().stream().map(UsageRoutes::view).toList())));
        get("housekeeping/settings", ctx -> ctx.json(view(settings.read())));
        put("housekeeping/settings", this::update);
    }

    private void update(Context ctx) {
        SettingsBody body = ApiRequests.body(ctx, SettingsBody.class);
        CleanerMode mode = body.cleanerMode() == null ? null
                : ApiRequests.enumValue(body.cleanerMode().replace('-', '_'), "cleanerMode", CleanerMode.class);
        ctx.json(view(settings.update(body.usageThreshold(), body.cleanerEnabled(), mode)));
    }

    private static Map<String, Object> view(Usage usage) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("scope", usage.scope());
        view.put("id", usage.id());
        view.put("name", usage.name());
        view.put("used", usage.used().toString());
        view.put("capacity", usage.capacity().toString());
        view.put("percent", usage.percent());
        return view;
    }

    private static Map<String, Object> view(HousekeepingSettings.Values values) {
        return Map.of("usageThreshold", values.usageThreshold(), "cleanerEnabled", values.cleanerEnabled(),
                "cleanerMode", values.cleanerMode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
