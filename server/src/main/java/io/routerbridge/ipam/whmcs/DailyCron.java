package io.routerbridge.ipam.whmcs;

import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.alerts.HousekeepingSettings;
import io.routerbridge.ipam.alerts.UsageAlerts;
import io.routerbridge.ipam.cleaner.IpCleaner;
import io.routerbridge.whmcs.ModuleResult;
import io.routerbridge.whmcs.WhmcsParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DailyCronJob hook: evaluates usage alerts, runs the IP cleaner when enabled, and answers
 * {@code {"alerts":[{"subject","message"}], "cleaner":{...}}} for the PHP hook to e-mail with
 * localAPI('SendAdminEmail').
 */
public final class DailyCron {
    public static final String HOOK = "DailyCronJob";

    private final HousekeepingSettings settings;
    private final UsageAlerts alerts;
    private final IpCleaner cleaner;

    public DailyCron(HousekeepingSettings settings, UsageAlerts alerts, IpCleaner cleaner) {
        this.settings = settings;
        this.alerts = alerts;
        this.cleaner = cleaner;
    }

    public ModuleResult handle(WhmcsParams params) {
        HousekeepingSettings.Values values = settings.read();
        alerts.evaluate(values.usageThreshold());
        List<Map<String, Object>> pending = alerts.takePending().stream()
                .map(alert -> Map.<String, Object>of("subject", alert.subject(), "message", alert.message()))
                .toList();
        Map<String, Object> cleanerAnswer = new LinkedHashMap<>();
        cleanerAnswer.put("enabled", values.cleanerEnabled());
        if (values.cleanerEnabled()) {
            cleanerAnswer.putAll(cleaner.run(values.cleanerMode(), Actor.WHMCS).toMap());
        }
        return ModuleResult.success(Map.of("alerts", pending, "cleaner", cleanerAnswer));
    }
}
