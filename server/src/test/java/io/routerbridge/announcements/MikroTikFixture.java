package io.routerbridge.announcements;

import io.routerbridge.emulator.EmulatorConfig;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.fleet.FleetModule;
import io.routerbridge.fleet.Router;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.util.List;
import java.util.Map;

/** WHMCS product and service rows, a router known to routerbridge, and readers of the emulator's state. */
public final class MikroTikFixture {
    public static final String ROUTER_USER = "admin";
    public static final String ROUTER_PASSWORD = "mikrotik-pass-7";
    public static final String ADDRESS_LIST = "/ip/firewall/address-list";
    public static final String IP_ADDRESS = "/ip/address";

    private MikroTikFixture() {
    }

    public static RouterOsEmulator emulator() {
        return RouterOsEmulator.start(EmulatorConfig.builder().user(ROUTER_USER).password(ROUTER_PASSWORD)
                .rosVersion("7.19").build());
    }

    /** The router behind WHMCS server {@code whmcsServerId}, as a module call would have recorded it. */
    public static Router knownRouter(TestService service, int whmcsServerId, RouterOsEmulator emulator) {
        return service.app().module(FleetModule.class).registry().upsertFromWhmcs(whmcsServerId, "127.0.0.1", emulator.apiPort(),
                false, ROUTER_USER, ROUTER_PASSWORD);
    }

    /** A product of server module {@code module} and a service of it (tblproducts + tblhosting). */
    public static void service(TestDatabase db, long serviceId, long productId, String module) {
        db.execute("INSERT IGNORE INTO tblproducts (id, type, gid, name, servertype) VALUES (" + productId
                + ", 'server', 1, 'product " + productId + "', '" + module + "')");
        db.execute("INSERT INTO tblhosting (id, userid, orderid, packageid, server, regdate, domain, paymentmethod,"
                + " billingcycle, nextinvoicedate, domainstatus, username, password, notes, subscriptionid, promoid,"
                + " suspendreason, overideautosuspend, overidesuspenduntil, dedicatedip, assignedips, ns1, ns2)"
                + " VALUES (" + serviceId + ", 1, 1, " + productId + ", 0, '2026-11-01', '', 'banktransfer',"
                + " 'Monthly', '2026-12-01', 'Active', '', '', '', '', 0, '', 0, '0000-00-00', '', '', '', '')");
    }

    /** Rows of the menu whose comment starts with {@code prefix}. */
    public static List<Map<String, String>> rows(RouterOsEmulator router, String menu, String commentPrefix) {
        return router.state().rows(menu).stream()
                .filter(row -> row.getOrDefault("comment", "").startsWith(commentPrefix))
                .toList();
    }

    /** The integration's rows of the service in a menu. */
    public static List<Map<String, String>> ours(RouterOsEmulator router, String menu, long serviceId) {
        return rows(router, menu, "rb:ipam-" + serviceId + ":");
    }
}
