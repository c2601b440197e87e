package io.routerbridge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.api.ApiKeysModule;
import io.routerbridge.emulator.EmulatorConfig;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service over signed HTTP with the lifecycle registered, a REST API key, and the WHMCS rows and module parameters
 * a vpn-nat product needs. Pools and relations are made through the REST API, as an operator or a demo would.
 */
final class LifecycleFixture {
    static final String ROUTER_USER = "admin";
    static final String ROUTER_PASSWORD = "router-pass-1";
    static final List<String> OWNED_MENUS = List.of("/ip/address", "/ip/firewall/nat", "/ip/firewall/filter",
            "/ppp/secret", "/queue/simple");

    final TestDatabase db;
    final TestService service;
    final String apiKey;

    LifecycleFixture(TestDatabase db) {
        this.db = db;
        this.service = TestService.start(db);
        this.apiKey = service.app().module(ApiKeysModule.class).apiKeys().create("lifecycle tests").text();
    }

    static RouterOsEmulator emulator() {
        return RouterOsEmulator.start(EmulatorConfig.builder().user(ROUTER_USER).password(ROUTER_PASSWORD)
                .rosVersion("7.19").build());
    }

    HttpResponse<String> rest(String method, String path, Object body) {
        return service.send(method, "/api/v1" + path, body == null ? null : service.toJson(body),
                Map.of("Authorization", "Bearer " + apiKey));
    }

    long created(String path, Object body) {
        HttpResponse<String> answer = rest("POST", path, body);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(201);
        return service.json(answer).get("id").asLong();
    }

    /** A public address pool and a private prefix pool related to the product through one configuration. */
    long[] vpnNatPools(String name, String publicCidr, String privateSupernet, long productId) {
        long publicSubnet = created("/subnets", Map.of("cidr", publicCidr));
        long privateSubnet = created("/subnets", Map.of("cidr", privateSupernet, "reserveNetwork", false,
                "reserveBroadcast", false, "reserveGateway", false));
        long publicPool = created("/pools", Map.of("name", name + " public", "subnetId", publicSubnet));
        long prefixPool = created("/pools", Map.of("name", name + " tenants", "subnetId", privateSubnet,
                "kind", "prefix", "prefixLength", 29));
        long configuration = created("/configurations", Map.of("name", name));
        created("/configurations/" + configuration + "/relations",
                Map.of("type", "product", "targetId", productId, "poolId", publicPool));
        created("/configurations/" + configuration + "/relations",
                Map.of("type", "product", "targetId", productId, "poolId", prefixPool));
        return new long[] {publicPool, prefixPool};
    }

    void hostingRow(long serviceId, long productId, int serverId) {
        db.execute("INSERT INTO tblhosting (id, userid, orderid, packageid, server, regdate, domain, paymentmethod,"
                + " billingcycle, nextinvoicedate, domainstatus, username, password, notes, subscriptionid, promoid,"
                + " suspendreason, overideautosuspend, overidesuspenduntil, dedicatedip, assignedips, ns1, ns2)"
                + " VALUES (" + serviceId + ", 1, 1, " + productId + ", " + serverId + ", '2026-11-01', '', 'banktransfer',"
                + " 'Monthly', '2026-12-01', 'Pending', 'tenant" + serviceId + "', '', '', '', 0, '', 0, '0000-00-00',"
                + " '', '', '', '')");
    }

    static Map<String, Object> params(long serviceId, long productId, int serverId, RouterOsEmulator router) {
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
        params.put("serverpassword", ROUTER_PASSWORD);
        params.put("username", "tenant" + serviceId);
        params.put("password", "whmcs-pass");
        params.put("domain", "");
        params.put("status", "Pending");
        String[] options = {"vpn-nat", "ether1", "10M/10M", "default", "l2tp", "5", "29", "10", "1024-65535",
                "disconnect", "0"};
        for (int i = 0; i < options.length; i++) {
            params.put("configoption" + (i + 1), options[i]);
        }
        return params;
    }

    JsonNode call(String function, Map<String, Object> params, int expectedStatus) {
        HttpResponse<String> answer = service.callModule(function, params);
        assertThat(answer.statusCode()).as(function + " answered " + answer.body()).isEqualTo(expectedStatus);
        return service.json(answer);
    }

    JsonNode success(String function, Map<String, Object> params) {
        JsonNode answer = call(function, params, 200);
        assertThat(answer.get("result").asText()).isEqualTo("success");
        return answer;
    }

    /**
     * Records {@code count} more pppoe subscribers like {@code template} (ids template+1 …, usernames "sub" + id, each
     * its own remote address), pending as CreateAccount leaves them before the router confirms: bulk set-ups.
     */
    void clonePppoeSubscribers(long template, int count) {
        db.execute("INSERT INTO mod_routerbridge_service (service_id, router_id, mode, desired_status, public_ip,"
                + " private_prefix, tenant_supernet, wan_interface, parameters, last_outcome, attempts, created_at,"
                + " updated_at, ppp_username, ppp_password_ciphertext)"
                + " SELECT " + template + " + seq, router_id, mode, desired_status,"
                + " CONCAT('100.', 64 + seq DIV 65536, '.', (seq DIV 256) MOD 256, '.', seq MOD 256),"
                + " private_prefix, tenant_supernet, wan_interface, parameters, 'PENDING', 0, created_at, updated_at,"
                + " CONCAT('sub', " + template + " + seq), ppp_password_ciphertext"
                + " FROM seq_1_to_" + count + " JOIN mod_routerbridge_service s ON s.service_id = " + template);
    }

    String dedicatedIp(long serviceId) {
        return db.dsl().fetchValue("SELECT dedicatedip FROM tblhosting WHERE id = " + serviceId).toString();
    }

    String assignedIps(long serviceId) {
        return db.dsl().fetchValue("SELECT assignedips FROM tblhosting WHERE id = " + serviceId).toString();
    }

    /** The router's rows of our menus whose comment carries the owner's marker. */
    static List<Map<String, String>> owned(RouterOsEmulator router, String menu, long serviceId) {
        return router.state().rows(menu).stream()
                .filter(row -> row.getOrDefault("comment", "").startsWith("rb:" + serviceId + ":"))
                .toList();
    }

    static int ownedCount(RouterOsEmulator router, long serviceId) {
        return OWNED_MENUS.stream().mapToInt(menu -> owned(router, menu, serviceId).size()).sum();
    }

    /** Every static row of the menus we own (sessions' dynamic rows left out), for before/after comparisons. */
    static Map<String, List<Map<String, String>>> configuration(RouterOsEmulator router) {
        return OWNED_MENUS.stream().collect(Collectors.toMap(menu -> menu, menu -> router.state().rows(menu).stream()
                .filter(row -> !"true".equals(row.get("dynamic")))
                .map(row -> row.entrySet().stream()
                        .filter(e -> !List.of("bytes", "packets", "last-logged-out", "last-caller-id")
                                .contains(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .toList()));
    }

    void close() {
        service.close();
    }
}
