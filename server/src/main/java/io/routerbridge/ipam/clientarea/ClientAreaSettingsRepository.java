package io.routerbridge.ipam.clientarea;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_SETTING;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeSetting;
import java.util.Optional;
import org.jooq.DSLContext;

/** The client-area settings among the named values of mod_routerbridge_setting. */
public final class ClientAreaSettingsRepository {
    private static final ModRouterbridgeSetting S = MOD_ROUTERBRIDGE_SETTING;

    private final DSLContext dsl;

    public ClientAreaSettingsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<String> value(String name) {
        return dsl.select(S.VALUE).from(S).where(S.NAME.eq(name)).fetchOptional(S.VALUE);
    }

    /** Sets the value, adding the setting when it is not stored yet. */
    void put(String name, String value) {
        dsl.insertInto(S).set(S.NAME, name).set(S.VALUE, value)
                .onDuplicateKeyUpdate().set(S.VALUE, value).execute();
    }
}
