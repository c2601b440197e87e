package io.routerbridge.whmcs.client;

import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;

import org.jooq.DSLContext;

/** Which client a WHMCS service belongs to, as tblhosting says. */
public final class ClientServiceRepository {
    private final DSLContext dsl;

    public ClientServiceRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public boolean isServiceOf(long clientId, long serviceId) {
        if (clientId > Integer.MAX_VALUE || serviceId > Integer.MAX_VALUE) {
            return false; // tblhosting.id and userid are int(10)
        }
        return dsl.fetchExists(dsl.selectOne().from(TBLHOSTING)
                .where(TBLHOSTING.ID.eq((int) serviceId), TBLHOSTING.USERID.eq((int) clientId)));
    }
}
