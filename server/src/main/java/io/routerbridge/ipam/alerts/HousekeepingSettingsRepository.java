package io.routerbridge.ipam.alerts;

import static io.routerbridge.persistence.whmcs.Tables.TBLADDONMODULES;

import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;

/** The RouterBridge addon's settings rows in WHMCS's tbladdonmodules, read only: WHMCS writes them. */
public final class HousekeepingSettingsRepository {
    /** The addon module's name in WHMCS (modules/addons/routerbridgeaddon). */
    static final String ADDON_MODULE = "routerbridgeaddon";

    private final DSLContext dsl;

    public HousekeepingSettingsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** setting => value as WHMCS stored it; a setting the admin never saved is absent. */
    public Map<String, String> addonSettings() {
        Map<String, String> settings = new HashMap<>();
        dsl.select(TBLADDONMODULES.SETTING, TBLADDONMODULES.VALUE).from(TBLADDONMODULES)
                .where(TBLADDONMODULES.MODULE.eq(ADDON_MODULE))
                .forEach(row -> settings.put(row.value1(), row.value2()));
        return settings;
    }
}
