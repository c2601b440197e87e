package io.routerbridge.ipam.alerts;

import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.cleaner.CleanerMode;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_SETTING;

/** Operator settings of usage alerts and the IP cleaner, with their defaults (80 %, cleaner on, notify only). */
public final class HousekeepingSettings {
    public static final int DEFAULT_THRESHOLD = 80;
    static final String THRESHOLD = "ipam.usage_alert_threshold";
    static final String CLEANER_ENABLED = "ipam.cleaner_enabled";
    static final String CLEANER_MODE = "ipam.cleaner_mode";

    private final DSLContext dsl;

    public HousekeepingSettings(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Values(int usageThreshold, boolean cleanerEnabled, CleanerMode cleanerMode) {
    }

    public Values read() {
        return new Values(
                read(THRESHOLD).map(Integer::parseInt).orElse(DEFAULT_THRESHOLD),
                read(CLEANER_ENABLED).map(Boolean::parseBoolean).orElse(true),
                read(CLEANER_MODE).map(CleanerMode::valueOf).orElse(CleanerMode.NOTIFY));
    }

    /** Changes the given settings (null: unchanged) and answers all of them. */
    public Values update(Integer usageThreshold, Boolean cleanerEnabled, CleanerMode cleanerMode) {
        if (usageThreshold != null) {
            if (usageThreshold < 1 || usageThreshold > 100) {
                throw new IpamValidationException("usageThreshold", "usageThreshold must be between 1 and 100 (percent)");
            }
            write(THRESHOLD, usageThreshold.toString());
        }
        if (cleanerEnabled != null) {
            write(CLEANER_ENABLED, cleanerEnabled.toString().toLowerCase(Locale.ROOT));
        }
        if (cleanerMode != null) {
            write(CLEANER_MODE, cleanerMode.name());
        }
        return read();
    }

    private Optional<String> read(String name) {
        var S = MOD_ROUTERBRIDGE_SETTING;
        return dsl.select(S.VALUE).from(S).where(S.NAME.eq(name)).fetchOptional(S.VALUE);
    }

    private void write(String name, String value) {
        var S = MOD_ROUTERBRIDGE_SETTING;
        dsl.insertInto(S).set(S.NAME, name).set(S.VALUE, value).onDuplicateKeyUpdate().set(S.VALUE, value).execute();
    }
}
