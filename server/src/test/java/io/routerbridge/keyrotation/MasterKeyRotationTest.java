package io.routerbridge.keyrotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.Main;
import io.routerbridge.api.ApiKeysModule;
import io.routerbridge.config.Environment;
import io.routerbridge.config.MasterKeys;
import io.routerbridge.config.Secret;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.emulator.EmulatorConfig;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.integration.webhook.OperatorEndpoint;
import io.routerbridge.ipam.integration.webhook.WebhookSettings;
import io.routerbridge.ipam.netbox.FakeNetBox;
import io.routerbridge.ipam.netbox.NetBoxReleaseMode;
import io.routerbridge.ipam.netbox.NetBoxSettings;
import io.routerbridge.keyrotation.EncryptedColumnRepository.StoredValue;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The master key rotation of docs/service.md with the lifecycle live: routers, vpn-nat tenants with VPN users, pppoe
 * subscribers, NetBox and the webhook are set up under key A; the service restarts with key B (A still readable) and
 * keeps taking WHMCS and REST calls on another thread while {@code rotate-key} runs; then the service restarts with B
 * alone, and every credential in the database is under B, reads back to what was stored, and still works.
 */
class MasterKeyRotationTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final String ROUTER_USER = "admin";
    private static final String WEBHOOK_SECRET = "webhook-signing-secret-0123456789";
    private static final long VPN_NAT_PRODUCT = 11;
    private static final long PPPOE_PRODUCT = 21;

    private final byte[] keyA = TestService.randomMasterKey();
    private final byte[] keyB = TestService.randomMasterKey();
    private final Secret sharedSecret = new Secret(Base64.getEncoder().encodeToString(keyA).substring(0, 40));
    /** What each credential must read back as after the rotation. */
    private final Map<String, String> vpnPasswords = new ConcurrentHashMap<>();
    private final Map<Long, String> pppPasswords = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger liveCalls = new AtomicInteger();
    private String apiKey;

    @Test
    void everyCredentialIsUnderTheNewKeyAfterARotationWithCallsRunning() throws Exception {
        try (RouterOsEmulator r1 = emulator("router-one-pass"); RouterOsEmulator r2 = emulator("router-two-pass");
             FakeNetBox netBox = new FakeNetBox(); OperatorEndpoint webhook = new OperatorEndpoint(WEBHOOK_SECRET)) {
            Map<Integer, RouterOsEmulator> routers = Map.of(1, r1, 2, r2);

            // Under key A: two routers, vpn-nat tenants with VPN users, pppoe subscribers, NetBox and the webhook.
            TestService underA = TestService.start(db, config(MasterKeys.of(keyA)));
            apiKey = underA.app().module(ApiKeysModule.class).apiKeys().create("rotation test").text();
            IpamModule ipam = underA.app().module(IpamModule.class);
            ipam.netBoxIntegration().configure(NetBoxSettings.of(netBox.url(), FakeNetBox.TOKEN), NetBoxReleaseMode.DEPRECATE);
            ipam.webhookIntegration().configure(WebhookSettings.of(webhook.url(), WEBHOOK_SECRET));
            vpnNatPools(underA);
            for (long service = 101; service <= 104; service++) {
                int server = service % 2 == 0 ? 2 : 1;
                Map<String, Object> params = vpnNat(service, server, routers.get(server));
                success(underA, "CreateAccount", params);
                assertThat(underA.callHook("AfterModuleCreate", Map.of("params", params)).statusCode()).isEqualTo(200);
                addVpnUser(underA, service, "u" + service + "a");
                addVpnUser(underA, service, "u" + service + "b");
            }
            for (long service = 201; service <= 203; service++) {
                success(underA, "CreateAccount", pppoe(service, 1, r1, "ppp-" + service + "-first"));
            }
            assertThat(keyIds()).containsOnlyKeys(MasterKeys.keyId(keyA));

            // Restart with B current and A previous; calls keep coming while rotate-key runs. While an instance
            // reading only A still runs, rotate-key refuses.
            underA.app().module(KeyRotationModule.class).instances().heartbeat();
            TestService underBoth = TestService.start(db, config(MasterKeys.of(keyB, keyA)));
            underBoth.app().module(KeyRotationModule.class).instances().heartbeat();
            String refused = rotateKey(keyB, keyA, 3);
            assertThat(refused).contains("rotate-key refused", "reads only master key(s) " + MasterKeys.keyId(keyA));
            assertThat(keyIds()).containsOnlyKeys(MasterKeys.keyId(keyA));
            underA.close();
            AtomicBoolean calling = new AtomicBoolean(true);
            Thread caller = new Thread(() -> callContinuously(underBoth, routers, calling), "whmcs-and-operator");
            caller.start();
            awaitLiveCalls(5);
            int before = liveCalls.get();
            String output = rotateKey(keyB, keyA, 0);
            int during = liveCalls.get() - before;
            awaitLiveCalls(liveCalls.get() + 5);
            calling.set(false);
            caller.join(60_000);
            assertThat(caller.isAlive()).isFalse();

            assertThat(failures).as("calls while rotating, out of " + liveCalls.get()).isEmpty();
            assertThat(during).as("calls answered while rotate-key ran").isPositive();
            assertThat(output).contains("0 remain under old keys", "under master key " + MasterKeys.keyId(keyB))
                    .doesNotContain("router-one-pass", "router-two-pass", FakeNetBox.TOKEN, WEBHOOK_SECRET, "ppp-20",
                            "vpn-pass-");

            // Restart with B alone: nothing under A is left, and everything reads back and works.
            TestService underB = TestService.start(db, config(MasterKeys.of(keyB)));
            underBoth.close();
            try {
                assertThat(keyIds()).containsOnlyKeys(MasterKeys.keyId(keyB));
                assertDecryptedUnderBAlone(netBox);
                assertNoOtherColumnHoldsCiphertext();

                success(underB, "SuspendAccount", vpnNat(101, 1, r1));
                assertThat(r1.state().rows("/ppp/secret")).filteredOn(row -> row.get("name").startsWith("u101"))
                        .hasSize(2).allSatisfy(row -> assertThat(row).containsEntry("disabled", "true"));
                success(underB, "ChangePassword", pppoe(202, 1, r1, "ppp-202-last"));
                assertThat(r1.state().rows("/ppp/secret")).filteredOn(row -> "sub202".equals(row.get("name")))
                        .singleElement().satisfies(row -> assertThat(row).containsEntry("password", "ppp-202-last"));
                int netBoxWrites = netBox.writes().size();
                db.execute(hostingRow(150, VPN_NAT_PRODUCT, 2));
                Map<String, Object> params = vpnNat(150, 2, r2);
                success(underB, "CreateAccount", params);
                HttpResponse<String> pushed = underB.callHook("AfterModuleCreate", Map.of("params", params));
                assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
                assertThat(netBox.writes().size()).as("NetBox took the push with the decrypted token")
                        .isGreaterThan(netBoxWrites);
                assertThat(netBox.writes()).allSatisfy(request ->
                        assertThat(request.authorization()).isEqualTo("Token " + FakeNetBox.TOKEN));
                assertThat(webhook.deliveries()).isNotEmpty()
                        .allSatisfy(delivery -> assertThat(delivery.signatureValid()).isTrue());
                assertThat(db.dsl().fetchValue("SELECT COUNT(*) FROM mod_routerbridge_integration_push_retry"))
                        .as("no push waits for a retry").isEqualTo(0L);
            } finally {
                underB.close();
            }
        }
    }

    /** WHMCS and the operator at work: new tenants and VPN users, password changes, suspensions. */
    private void callContinuously(TestService service, Map<Integer, RouterOsEmulator> routers, AtomicBoolean calling) {
        long next = 301;
        while (calling.get()) {
            long service1 = next++;
            int server = service1 % 2 == 0 ? 2 : 1;
            try {
                db.execute(hostingRow(service1, VPN_NAT_PRODUCT, server));
                Map<String, Object> params = vpnNat(service1, server, routers.get(server));
                live(service, "CreateAccount", params);
                record("AfterModuleCreate " + service1, service.callHook("AfterModuleCreate", Map.of("params", params)), 200);
                String name = "u" + service1;
                String password = "vpn-pass-" + service1;
                HttpResponse<String> user = rest(service, "POST", "/services/" + service1 + "/vpn-users",
                        Map.of("name", name, "password", password));
                record("add VPN user " + name, user, 201);
                vpnPasswords.put(name, password);
                long subscriber = 201 + service1 % 3;
                String ppp = "ppp-" + subscriber + "-" + service1;
                live(service, "ChangePassword", pppoe(subscriber, 1, routers.get(1), ppp));
                pppPasswords.put(subscriber, ppp);
                live(service, service1 % 2 == 0 ? "SuspendAccount" : "UnsuspendAccount", vpnNat(102, 2, routers.get(2)));
            } catch (RuntimeException e) {
                failures.add(service1 + ": " + e);
            }
        }
    }

    private void live(TestService service, String function, Map<String, Object> params) {
        record(function + " " + params.get("serviceid"), service.callModule(function, params), 200);
    }

    private void record(String what, HttpResponse<String> answer, int expected) {
        if (answer.statusCode() != expected) {
            failures.add(what + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        liveCalls.incrementAndGet();
    }

    private void awaitLiveCalls(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (liveCalls.get() < atLeast && failures.isEmpty()) {
            assertThat(System.nanoTime()).as("live calls").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(failures).isEmpty();
    }

    /** The command line, as an operator runs it next to the service. */
    private static String rotateKey(byte[] current, byte[] previous, int expectedExit) {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("RB_MASTER_KEY", Base64.getEncoder().encodeToString(current));
        env.put("RB_MASTER_KEYS_PREVIOUS", Base64.getEncoder().encodeToString(previous));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"rotate-key", "--batch-size", "1"}, new Environment(env),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text;
    }

    /** Values of every registered column by master key id. */
    private Map<String, Long> keyIds() {
        EncryptedColumnRepository repository = new EncryptedColumnRepository(db.dsl());
        Map<String, Long> total = new TreeMap<>();
        for (String column : EncryptedColumnRepository.columns()) {
            var counts = repository.countByKeyId(column);
            assertThat(counts.unrecognised()).as(column).isZero();
            assertThat(counts.total()).as(column + " holds values").isPositive();
            counts.byKeyId().forEach((id, n) -> total.merge(id, n, Long::sum));
        }
        return total;
    }

    private void assertDecryptedUnderBAlone(FakeNetBox netBox) {
        CredentialCipher onlyB = new CredentialCipher(MasterKeys.of(keyB));
        Map<String, String> routers = new LinkedHashMap<>();
        db.dsl().fetch("SELECT whmcs_server_id, password_ciphertext FROM mod_routerbridge_router ORDER BY id")
                .forEach(row -> routers.put(row.get(0).toString(), onlyB.decrypt(row.get(1, String.class))));
        assertThat(routers).containsExactly(Map.entry("1", "router-one-pass"), Map.entry("2", "router-two-pass"));

        Map<String, String> vpnUsers = new TreeMap<>();
        db.dsl().fetch("SELECT name, password_ciphertext FROM mod_routerbridge_vpn_user")
                .forEach(row -> vpnUsers.put(row.get(0, String.class), onlyB.decrypt(row.get(1, String.class))));
        assertThat(vpnUsers).isEqualTo(new TreeMap<>(vpnPasswords));

        Map<Long, String> ppp = new TreeMap<>();
        db.dsl().fetch("SELECT service_id, ppp_password_ciphertext FROM mod_routerbridge_service"
                        + " WHERE ppp_password_ciphertext IS NOT NULL")
                .forEach(row -> ppp.put(row.get(0, Long.class), onlyB.decrypt(row.get(1, String.class))));
        assertThat(ppp).isEqualTo(new TreeMap<>(pppPasswords));

        EncryptedColumnRepository repository = new EncryptedColumnRepository(db.dsl());
        assertThat(repository.all("mod_routerbridge_ipam_netbox_settings.token_encrypted"))
                .extracting(value -> onlyB.decrypt(value.ciphertext())).containsExactly(FakeNetBox.TOKEN);
        assertThat(repository.all("mod_routerbridge_integration_webhook.secret_encrypted"))
                .extracting(value -> onlyB.decrypt(value.ciphertext())).containsExactly(WEBHOOK_SECRET);
        for (String column : EncryptedColumnRepository.columns()) {
            assertThat(repository.all(column)).extracting(StoredValue::ciphertext).as(column)
                    .allSatisfy(value -> assertThat(value).startsWith("v1:" + MasterKeys.keyId(keyB) + ":"));
        }
    }

    /** Found by content, whatever its name: a column holding our ciphertext must be in the registry. */
    private static void assertNoOtherColumnHoldsCiphertext() {
        List<String> holding = new ArrayList<>();
        for (var column : db.dsl().fetch("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name LIKE 'mod\\_routerbridge\\_%'"
                + " AND data_type IN ('varchar', 'char', 'text', 'mediumtext', 'longtext')")) {
            String table = column.get(0, String.class);
            String name = column.get(1, String.class);
            Object found = db.dsl().fetchValue("SELECT COUNT(*) FROM " + table + " WHERE `" + name
                    + "` REGEXP '(^|[^0-9a-z])v1:[0-9a-f]{8}:'");
            if (((Number) found).longValue() > 0) {
                holding.add(table + "." + name);
            }
        }
        assertThat(holding).containsExactlyInAnyOrderElementsOf(EncryptedColumnRepository.columns());
    }

    private void vpnNatPools(TestService service) {
        long publicSubnet = created(service, "/subnets", Map.of("cidr", "203.0.113.0/25"));
        long privateSubnet = created(service, "/subnets", Map.of("cidr", "10.64.0.0/16", "reserveNetwork", false,
                "reserveBroadcast", false, "reserveGateway", false));
        long publicPool = created(service, "/pools", Map.of("name", "public", "subnetId", publicSubnet));
        long prefixPool = created(service, "/pools", Map.of("name", "tenants", "subnetId", privateSubnet,
                "kind", "prefix", "prefixLength", 29));
        long configuration = created(service, "/configurations", Map.of("name", "vpn-nat"));
        for (long pool : new long[] {publicPool, prefixPool}) {
            created(service, "/configurations/" + configuration + "/relations",
                    Map.of("type", "product", "targetId", VPN_NAT_PRODUCT, "poolId", pool));
        }
    }

    private void addVpnUser(TestService service, long serviceId, String name) {
        String password = "vpn-pass-" + name;
        created(service, "/services/" + serviceId + "/vpn-users", Map.of("name", name, "password", password));
        vpnPasswords.put(name, password);
    }

    private long created(TestService service, String path, Object body) {
        HttpResponse<String> answer = rest(service, "POST", path, body);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(201);
        return service.json(answer).get("id").asLong();
    }

    private HttpResponse<String> rest(TestService service, String method, String path, Object body) {
        return service.send(method, "/api/v1" + path, service.toJson(body), Map.of("Authorization", "Bearer " + apiKey));
    }

    private static void success(TestService service, String function, Map<String, Object> params) {
        HttpResponse<String> answer = service.callModule(function, params);
        assertThat(answer.statusCode()).as(function + " " + answer.body()).isEqualTo(200);
    }

    private Map<String, Object> vpnNat(long serviceId, int serverId, RouterOsEmulator router) {
        if (serviceId < 300 && serviceId != 150) {
            db.execute(hostingRow(serviceId, VPN_NAT_PRODUCT, serverId).replace("INSERT", "INSERT IGNORE"));
        }
        Map<String, Object> params = common(serviceId, VPN_NAT_PRODUCT, serverId, router);
        String[] options = {"vpn-nat", "ether1", "10M/10M", "default", "l2tp", "5", "29", "10", "1024-65535",
                "disconnect", "0"};
        for (int i = 0; i < options.length; i++) {
            params.put("configoption" + (i + 1), options[i]);
        }
        return params;
    }

    private Map<String, Object> pppoe(long serviceId, int serverId, RouterOsEmulator router, String password) {
        db.execute(hostingRow(serviceId, PPPOE_PRODUCT, serverId).replace("INSERT", "INSERT IGNORE"));
        Map<String, Object> params = common(serviceId, PPPOE_PRODUCT, serverId, router);
        params.put("configoption1", "pppoe");
        params.put("configoption2", "ether1");
        params.put("configoption3", "10M/10M");
        params.put("configoption4", "default");
        params.put("username", "sub" + serviceId);
        params.put("password", password);
        pppPasswords.put(serviceId, password);
        return params;
    }

    private static Map<String, Object> common(long serviceId, long productId, int serverId, RouterOsEmulator router) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("serviceid", serviceId);
        params.put("userid", 1);
        params.put("pid", productId);
        params.put("serverid", serverId);
        params.put("serverip", "127.0.0.1");
        params.put("serverhostname", "");
        params.put("serverport", router.apiPort());
        params.put("serversecure", "");
        params.put("serverusername", ROUTER_USER);
        params.put("serverpassword", serverId == 1 ? "router-one-pass" : "router-two-pass");
        params.put("username", "tenant" + serviceId);
        params.put("password", "whmcs-pass");
        params.put("domain", "");
        params.put("status", "Pending");
        return params;
    }

    private static String hostingRow(long serviceId, long productId, int serverId) {
        return "INSERT INTO tblhosting (id, userid, orderid, packageid, server, regdate, domain, paymentmethod,"
                + " billingcycle, nextinvoicedate, domainstatus, username, password, notes, subscriptionid, promoid,"
                + " suspendreason, overideautosuspend, overidesuspenduntil, dedicatedip, assignedips, ns1, ns2)"
                + " VALUES (" + serviceId + ", 1, 1, " + productId + ", " + serverId + ", '2026-11-01', '', 'banktransfer',"
                + " 'Monthly', '2026-12-01', 'Pending', 'tenant" + serviceId + "', '', '', '', 0, '', 0, '0000-00-00',"
                + " '', '', '', '')";
    }

    private static RouterOsEmulator emulator(String password) {
        return RouterOsEmulator.start(EmulatorConfig.builder().user(ROUTER_USER).password(password)
                .rosVersion("7.19").build());
    }

    private ServiceConfig config(MasterKeys keys) {
        return new ServiceConfig(db.databaseConfig(), "127.0.0.1", 0, sharedSecret, Optional.empty(), keys);
    }
}
