package io.routerbridge.ipam.whmcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.alerts.HousekeepingSettings;
import io.routerbridge.ipam.alerts.UsageAlerts;
import io.routerbridge.ipam.cleaner.IpCleaner;
import io.routerbridge.whmcs.ModuleResult;
import io.routerbridge.whmcs.WhmcsParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DailyCronJob hook, with the addon's settings as the admin saved them in WHMCS: evaluates usage alerts
 * (unless turned off), runs the IP cleaner when enabled, and answers
 * {@code {"alerts":[{"id","subject","message"}], "cleaner":{...}}} for the PHP hook to mail with
 * localAPI('SendAdminEmail'). The hook then reports the alerts WHMCS accepted ({@value #MAILED_HOOK},
 * {@code {"alertIds":[...]}}); only those are marked sent, so an alert that could not be mailed comes again.
 */
public final class DailyCron {
    public static final String HOOK = "DailyCronJob";
    public static final String MAILED_HOOK = "UsageAlertsMailed";

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
        List<Map<String, Object>> pending = List.of();
        if (values.usageThreshold().isPresent()) {
            alerts.evaluate(values.usageThreshold().getAsInt());
            pending = alerts.pending().stream()
                    .map(alert -> Map.<String, Object>of("id", alert.id(), "subject", alert.subject(), "message", alert.message()))
                    .toList();
        }
        Map<String, Object> cleanerAnswer = new LinkedHashMap<>();
        cleanerAnswer.put("enabled", values.cleanerEnabled());
        if (values.cleanerEnabled()) {
            cleanerAnswer.putAll(cleaner.run(values.cleanerMode(), Actor.WHMCS).toMap());
        }
        return ModuleResult.success(Map.of("alerts", pending, "cleaner", cleanerAnswer));
    }

    public ModuleResult mailed(WhmcsParams params) {
        JsonNode ids = params.toJson().path("alertIds");
        if (!ids.isArray()) {
            throw new InvalidInputException("alertIds must be a list of alert ids", "alertIds");
        }
        List<Long> alertIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).canConvertToLong() || !ids.get(i).isIntegralNumber() || ids.get(i).asLong() <= 0) {
                throw new InvalidInputException("alertIds[" + i + "] must be an alert id", "alertIds[" + i + "]");
            }
            alertIds.add(ids.get(i).asLong());
        }
        return ModuleResult.success(Map.of("marked", alerts.markSent(alertIds)));
    }
}
