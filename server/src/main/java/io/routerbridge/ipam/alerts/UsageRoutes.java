package io.routerbridge.ipam.alerts;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.routerbridge.http.ApiRoutes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GET /api/v1/usage (usage per pool and subnet) and GET /api/v1/housekeeping/settings: the alert and cleaner
 * settings are the WHMCS addon's, changed only there, so this API shows them and cannot change them.
 */
public final class UsageRoutes implements ApiRoutes {
    private final UsageAlerts alerts;
    private final HousekeepingSettings settings;

    public UsageRoutes(UsageAlerts alerts, HousekeepingSettings settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    @Override
    public void addRoutes() {
        get("usage", ctx -> {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("threshold", threshold(settings.read()));
            report.put("usage", alerts.usage().stream().map(UsageRoutes::view).toList());
            ctx.json(report);
        });
        get("housekeeping/settings", ctx -> ctx.json(view(settings.read())));
    }

    private static Integer threshold(HousekeepingSettings.Values values) {
        return values.usageThreshold().isPresent() ? values.usageThreshold().getAsInt() : null;
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
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("usageThreshold", threshold(values));
        view.put("cleanerEnabled", values.cleanerEnabled());
        view.put("cleanerMode", values.cleanerMode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        view.put("source", HousekeepingSettings.SOURCE);
        return view;
    }
}
