package io.routerbridge.ipam.sync;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;

/**
 * A small IPAM layout and tblhosting rows holding every domainstatus, shared by the sync, orphan,
 * cleaner and REST tests. Service ids are the row ids below.
 */
public final class WhmcsFixture {
    public static final long PENDING = 1;
    public static final long ACTIVE = 2;
    public static final long SUSPENDED = 3;
    public static final long TERMINATED = 4;
    public static final long CANCELLED = 5;
    public static final long FRAUD = 6;
    public static final long COMPLETED = 7;
    public static final long ACTIVE_ON_GATEWAY = 8;
    public static final long ACTIVE_TWO_IN_POOL = 9;
    public static final long ACTIVE_WRONG_BLOCK = 10;

    public long v4PoolId;
    public long v6PoolId;

    /** Empties every table the IPAM operations touch, so each test starts from nothing. */
    public static void reset(TestDatabase db) {
        db.execute("""
                DELETE FROM tblhosting;
                DELETE FROM tbladdonmodules;
                DELETE FROM mod_routerbridge_action_log;
                DELETE FROM mod_routerbridge_ipam_usage_alert;
                DELETE FROM mod_routerbridge_ipam_cleaner_run;
                DELETE FROM mod_routerbridge_setting;
                DELETE FROM mod_routerbridge_ipam_assignment;
                DELETE FROM mod_routerbridge_ipam_occupied;
                DELETE FROM mod_routerbridge_ipam_pool;
                DELETE FROM mod_routerbridge_ipam_subnet_exclusion;
                DELETE FROM mod_routerbridge_ipam_subnet;
                """);
    }

    /** The RouterBridge addon's settings as WHMCS saves them from its Configure page (tbladdonmodules rows). */
    public static void addonSettings(TestDatabase db, Map<String, String> settings) {
        db.execute("DELETE FROM tbladdonmodules WHERE module = 'routerbridgeaddon'");
        settings.forEach((setting, value) -> db.dsl().insertInto(org.jooq.impl.DSL.table("tbladdonmodules"))
                .columns(org.jooq.impl.DSL.field("module"), org.jooq.impl.DSL.field("setting"), org.jooq.impl.DSL.field("value"))
                .values("routerbridgeaddon", setting, value).execute());
    }

    /** 192.0.2.0/24 (gateway .1) with an address pool over .0-.127; 2001:db8::/48 with a /56 prefix pool. */
    public static WhmcsFixture layout(TestDatabase db) {
        WhmcsFixture fixture = new WhmcsFixture();
        SubnetService subnets = new SubnetService(new SubnetRepository(db.dsl()));
        PoolService pools = new PoolService(new PoolRepository(db.dsl()));
        long v4 = subnets.create(NewSubnet.of("192.0.2.0/24").withGateway("192.0.2.1")).id();
        fixture.v4PoolId = pools.create(new NewPool("v4", v4, PoolKind.ADDRESS, null, "192.0.2.0/25", Duration.ZERO)).id();
        long v6 = subnets.create(NewSubnet.of("2001:db8::/48")).id();
        fixture.v6PoolId = pools.create(NewPool.prefixes("v6", v6, 56)).id();
        return fixture;
    }

    /** One service per domainstatus, plus Active services whose text hits each other outcome. */
    public static void seedServices(TestDatabase db) {
        db.execute("""
                INSERT INTO tblhosting (id, userid, domainstatus, dedicatedip, assignedips) VALUES
                (1, 1, 'Pending', '192.0.2.10', ''),
                (2, 1, 'Active', '192.0.2.11', '192.0.2.200\\n2001:db8:0:100::/56\\n10.9.9.9\\nbogus'),
                (3, 1, 'Suspended', '192.0.2.12', '192.0.2.11'),
                (4, 1, 'Terminated', '192.0.2.13', ''),
                (5, 1, 'Cancelled', '', '192.0.2.14'),
                (6, 1, 'Fraud', '192.0.2.15', ''),
                (7, 1, 'Completed', '192.0.2.16', ''),
                (8, 1, 'Active', '192.0.2.1', ''),
                (9, 1, 'Active', '192.0.2.20', '192.0.2.21'),
                (10, 1, 'Active', '192.0.2.0/29', ''),
                (11, 1, 'Active', '', '');
                """);
    }
}
