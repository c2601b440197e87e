package io.routerbridge.ipam.alerts;

import io.routerbridge.ipam.cleaner.CleanerMode;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage alerts and the IP cleaner as the admin set them in WHMCS (Addon Modules > RouterBridge > Configure),
 * the one place they live: read on every use, never copied. WHMCS stores a ticked yes/no field as "on" and an
 * unticked one as "", and writes nothing until the admin first saves, so an absent setting takes the
 * default the addon's _config shows on that page.
 */
public final class HousekeepingSettings {
    /** The Default of usage_alert_threshold in the addon's _config. */
    public static final int DEFAULT_THRESHOLD = 90;
    static final String THRESHOLD = "usage_alert_threshold";
    static final String CLEANER_ENABLED = "ip_cleaner_enabled";
    static final String CLEANER_BEHAVIOUR = "ip_cleaner_behaviour";
    /** Where an operator changes them, for answers that cannot. */
    public static final String SOURCE = "WHMCS: Addon Modules > RouterBridge > Configure";

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingSettings.class);

    private final HousekeepingSettingsRepository repository;

    public HousekeepingSettings(HousekeepingSettingsRepository repository) {
        this.repository = repository;
    }

    /** usageThreshold is empty while usage alerts are off. */
    public record Values(OptionalInt usageThreshold, boolean cleanerEnabled, CleanerMode cleanerMode) {
    }

    public Values read() {
        Map<String, String> stored = repository.addonSettings();
        return new Values(threshold(stored.get(THRESHOLD)), ticked(stored.get(CLEANER_ENABLED)),
                "mark-free".equals(trimmed(stored.get(CLEANER_BEHAVIOUR))) ? CleanerMode.MARK_FREE : CleanerMode.NOTIFY);
    }

    private static OptionalInt threshold(String stored) {
        if (stored == null) {
            return OptionalInt.of(DEFAULT_THRESHOLD);
        }
        String text = stored.trim().replace("%", "");
        if (text.isEmpty() || text.equals("0")) {
            return OptionalInt.empty();
        }
        try {
            int percent = Integer.parseInt(text);
            if (percent >= 1 && percent <= 100) {
                return OptionalInt.of(percent);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("usage alerts are off: the addon setting {} is \"{}\", not a percentage from 1 to 100 (0 turns alerts off)",
                THRESHOLD, stored);
        return OptionalInt.empty();
    }

    private static boolean ticked(String stored) {
        String value = trimmed(stored);
        return value.equals("on") || value.equals("yes") || value.equals("1") || value.equals("true");
    }

    private static String trimmed(String stored) {
        return stored == null ? "" : stored.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
