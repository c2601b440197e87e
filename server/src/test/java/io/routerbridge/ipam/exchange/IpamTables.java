package io.routerbridge.ipam.exchange;

import org.jooq.DSLContext;

/** Empties the IPAM tables between tries of a property, so each import starts from an empty database. */
final class IpamTables {
    private IpamTables() {
    }

    static void wipe(DSLContext dsl) {
        dsl.execute("DELETE FROM mod_routerbridge_ipam_assignment");
        dsl.execute("DELETE FROM mod_routerbridge_ipam_occupied");
        dsl.execute("DELETE FROM mod_routerbridge_ipam_pool");
        dsl.execute("DELETE FROM mod_routerbridge_ipam_subnet_exclusion");
        dsl.execute("UPDATE mod_routerbridge_ipam_subnet SET parent_id = NULL");
        dsl.execute("DELETE FROM mod_routerbridge_ipam_subnet");
    }

    static int count(DSLContext dsl, String table) {
        return dsl.fetchCount(dsl.selectFrom("mod_routerbridge_ipam_" + table));
    }
}
