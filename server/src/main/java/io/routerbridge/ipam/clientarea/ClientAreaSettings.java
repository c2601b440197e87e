package io.routerbridge.ipam.clientarea;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_SETTING;

import java.util.Locale;
import org.jooq.DSLContext;

/**
 * The operator's setting for the client-area IP list: whether clients may unassign their own IPs
 * (default yes, as in seed 001). Kept in mod_routerbridge_setting and enforced by the service.
 */
public final class ClientAreaSettings {
    static final String UNASSIGN_ALLOWED = "client_area.unassign_allowed";

    private final DSLContext dsl;

    public ClientAreaSettings(DSLContext dsl) {
        this.dsl = dsl;
    }

    public boolean unassignAllowed() {
        var S = MOD_ROUTERBRIDGE_SETTING;
        return dsl.select(S.VALUE).from(S).where(S.NAME.eq(UNASSIGN_ALLOWED)).fetchOptional(S.VALUE)
                .map(Boolean::parseBoolean).orElse(true);
    }

    public void allowUnassign(boolean allowed) {
        var S = MOD_ROUTERBRIDGE_SETTING;
        String value = Boolean.toString(allowed).toLowerCase(Locale.ROOT);
        dsl.insertInto(S).set(S.NAME, UNASSIGN_ALLOWED).set(S.VALUE, value)
                .onDuplicateKeyUpdate().set(S.VALUE, value).execute();
    }
}
