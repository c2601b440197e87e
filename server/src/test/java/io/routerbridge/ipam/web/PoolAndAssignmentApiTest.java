package io.routerbridge.ipam.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1/pools and /api/v1/assignments against the real service and MariaDB. */
class PoolAndAssignmentApiTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static TestService service;
    private static ApiTestClient api;

    @BeforeAll
    static void start() {
        service = TestService.start(db);
        api = ApiTestClient.withNewKey(service);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void poolLifecycle() {
        long subnet = subnet("192.168.10.0/24", "192.168.10.1");
        HttpResponse<String> created = api.post("/api/v1/pools", Map.of("name", "lan-10", "subnetId", subnet,
                "range", "192.168.10.100-192.168.10.199", "quarantineSeconds", 3600));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode pool = api.json(created);
        long id = pool.path("id").asLong();
        assertThat(pool.path("name").asText()).isEqualTo("lan-10");
        assertThat(pool.path("subnetId").asLong()).isEqualTo(subnet);
        assertThat(pool.path("kind").asText()).isEqualTo("address");
        assertThat(pool.path("prefixLength").asInt()).isEqualTo(32);
        assertThat(pool.path("range").asText()).isEqualTo("192.168.10.100-192.168.10.199");
        assertThat(pool.path("quarantineSeconds").asLong()).isEqualTo(3600);

        assertThat(api.json(api.get("/api/v1/pools/" + id))).isEqualTo(pool);
        assertThat(ids(api.get("/api/v1/pools?subnetId=" + subnet))).containsExactly(id);
        assertThat(ids(api.get("/api/v1/pools?subnetId=" + subnet + "&kind=prefix"))).isEmpty();
        assertThat(ids(api.get("/api/v1/pools?kind=ADDRESS"))).contains(id);
        ApiAnswers.assertError(api, api.delete("/api/v1/subnets/" + subnet), 409, null);

        assertThat(api.delete("/api/v1/pools/" + id).statusCode()).isEqualTo(204);
        ApiAnswers.assertError(api, api.get("/api/v1/pools/" + id), 404, null);
        assertThat(api.delete("/api/v1/subnets/" + subnet).statusCode()).isEqualTo(204);
    }

    @Test
    void invalidPoolsNameTheField() {
        long subnet = subnet("192.168.20.0/24", null);
        api.post("/api/v1/pools", Map.of("name", "taken", "subnetId", subnet, "range", "192.168.20.0/28"));

        poolError(Map.of("name", "p", "subnetId", 987654), "subnetId");
        poolError(Map.of("name", "p"), "subnetId");
        poolError(Map.of("name", "p", "subnetId", -5), "subnetId");
        poolError(Map.of("name", "p", "subnetId", 0), "subnetId");
        poolError(Map.of("subnetId", subnet), "name");
        poolError(Map.of("name", "  ", "subnetId", subnet), "name");
        poolError(Map.of("name", "x".repeat(101), "subnetId", subnet), "name");
        poolError(Map.of("name", "taken", "subnetId", subnet, "range", "192.168.20.128/28"), "name");
        poolError(Map.of("name", "p", "subnetId", subnet, "range", "192.168.20.8-192.168.20.40"), "range");
        poolError(Map.of("name", "p", "subnetId", subnet, "range", "192.168.21.0/28"), "range");
        poolError(Map.of("name", "p", "subnetId", subnet, "range", "2001:db8::/64"), "range");
        poolError(Map.of("name", "p", "subnetId", subnet, "kind", "blocks"), "kind");
        poolError(Map.of("name", "p", "subnetId", subnet, "kind", "prefix"), "prefixLength");
        poolError(Map.of("name", "p", "subnetId", subnet, "kind", "prefix", "prefixLength", 16), "prefixLength");
        poolError(Map.of("name", "p", "subnetId", subnet, "kind", "prefix", "prefixLength", 33), "prefixLength");
        poolError(Map.of("name", "p", "subnetId", subnet, "quarantineSeconds", -1), "quarantineSeconds");
        poolError(Map.of("name", "p", "subnetId", subnet, "quarantineSeconds", 1L << 40), "quarantineSeconds");
        poolError("{\"name\": \"p\", \"subnetId\": " + subnet + ", \"prefixLength\": 1.5}", "prefixLength");
        poolError("{\"name\": \"p\", \"subnetId\": " + subnet + ", \"prefixLength\": 99999999999}", "prefixLength");
        poolError("{\"name\": [\"p\"], \"subnetId\": " + subnet + "}", "name");
        poolError("{\"name\": \"p\", \"subnetId\": " + subnet + ", \"extra\": {}}", "extra");
        assertThat(ids(api.get("/api/v1/pools?subnetId=" + subnet))).hasSize(1);
        ApiAnswers.assertError(api, api.get("/api/v1/pools?kind=huge"), 400, "kind");
        ApiAnswers.assertError(api, api.get("/api/v1/pools?subnetId=abc"), 400, "subnetId");
        ApiAnswers.assertError(api, api.get("/api/v1/pools/-1"), 400, "id");
    }

    @Test
    void assignListAndUnassign() {
        long subnet = subnet("172.16.30.0/29", "172.16.30.1");
        long pool = api.json(api.post("/api/v1/pools", Map.of("name", "tiny", "subnetId", subnet))).path("id").asLong();

        HttpResponse<String> first = api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 501));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode assignment = api.json(first);
        assertThat(assignment.path("address").asText()).isEqualTo("172.16.30.2");
        assertThat(assignment.path("status").asText()).isEqualTo("assigned");
        assertThat(assignment.path("serviceId").asLong()).isEqualTo(501);
        assertThat(assignment.path("subnetId").asLong()).isEqualTo(subnet);
        long id = assignment.path("id").asLong();

        JsonNode again = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 501)));
        assertThat(again.path("id").asLong()).isEqualTo(id);
        for (int service = 502; service <= 505; service++) {
            assertThat(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", service)).statusCode())
                    .isEqualTo(201);
        }
        ApiAnswers.assertError(api, api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 506)),
                409, "poolId");

        assertThat(ids(api.get("/api/v1/assignments?poolId=" + pool))).hasSize(5);
        assertThat(ids(api.get("/api/v1/assignments?serviceId=501"))).containsExactly(id);
        assertThat(ids(api.get("/api/v1/assignments?subnetId=" + subnet + "&limit=2"))).hasSize(2);
        assertThat(ids(api.get("/api/v1/assignments?poolId=" + pool + "&status=released"))).isEmpty();
        assertThat(assignment.path("integrationErrors").isArray()).as("assign answers the integrations' failures").isTrue();
        assertThat(assignment.path("integrationErrors")).isEmpty();
        JsonNode stored = api.json(api.get("/api/v1/assignments/" + id));
        assertThat(stored.has("integrationErrors")).as("only assign and unassign tell integrations").isFalse();
        assertThat(stored).isEqualTo(((ObjectNode) assignment.deepCopy()).without("integrationErrors"));

        HttpResponse<String> released = api.delete("/api/v1/assignments/" + id);
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(api.json(released).path("status").asText()).isEqualTo("released");
        assertThat(api.json(released).path("releasedAt").isTextual()).isTrue();
        ApiAnswers.assertError(api, api.delete("/api/v1/assignments/" + id), 409, "id");
        assertThat(ids(api.get("/api/v1/assignments?poolId=" + pool + "&status=released"))).containsExactly(id);
        assertThat(ids(api.get("/api/v1/assignments?serviceId=501&status=assigned"))).isEmpty();
        HttpResponse<String> reused = api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 506));
        assertThat(api.json(reused).path("address").asText()).isEqualTo("172.16.30.2");

        ApiAnswers.assertError(api, api.delete("/api/v1/pools/" + pool), 409, null);
    }

    @Test
    void prefixPoolsHandOutBlocks() {
        HttpResponse<String> created = api.post("/api/v1/subnets", Map.of("cidr", "2001:db8:300::/48",
                "reserveNetwork", false));
        long subnet = api.json(created).path("id").asLong();
        long pool = api.json(api.post("/api/v1/pools", Map.of("name", "v6-tenants", "subnetId", subnet,
                "kind", "prefix", "prefixLength", 64))).path("id").asLong();

        JsonNode block = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 9)));
        assertThat(block.path("address").asText()).isEqualTo("2001:db8:300::/64");
        assertThat(block.path("prefixLength").asInt()).isEqualTo(64);
        JsonNode wider = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 10, "prefixLength", 56)));
        assertThat(wider.path("address").asText()).isEqualTo("2001:db8:300:100::/56");
    }

    @Test
    void invalidAssignmentsNameTheField() {
        long subnet = subnet("172.16.40.0/24", null);
        long pool = api.json(api.post("/api/v1/pools", Map.of("name", "v4-40", "subnetId", subnet))).path("id").asLong();

        assignmentError(Map.of("serviceId", 1), "poolId");
        assignmentError(Map.of("poolId", pool), "serviceId");
        assignmentError(Map.of("poolId", 424242, "serviceId", 1), "poolId");
        assignmentError(Map.of("poolId", pool, "serviceId", -1), "serviceId");
        assignmentError(Map.of("poolId", pool, "serviceId", 1, "prefixLength", 24), "prefixLength");
        assignmentError(Map.of("poolId", pool, "serviceId", 1, "prefixLength", 129), "prefixLength");
        assignmentError("{\"poolId\": " + pool + ", \"serviceId\": \"1\"}", "serviceId");
        assignmentError("{\"poolId\": " + pool + ", \"serviceId\": 1, \"serviceid\": 1}", "serviceid");
        assignmentError("{\"poolId\": " + pool + ", \"serviceId\": 1e30}", "serviceId");
        assertThat(ids(api.get("/api/v1/assignments?poolId=" + pool))).isEmpty();

        for (String query : List.of("poolId=x", "subnetId=0", "serviceId=-2", "status=gone", "limit=0", "limit=1001",
                "limit=abc")) {
            String field = query.substring(0, query.indexOf('='));
            ApiAnswers.assertError(api, api.get("/api/v1/assignments?" + query), 400, field);
        }
        ApiAnswers.assertError(api, api.get("/api/v1/assignments/99999999999999999999"), 400, "id");
        ApiAnswers.assertError(api, api.get("/api/v1/assignments/77777"), 404, null);
        ApiAnswers.assertError(api, api.delete("/api/v1/assignments/77777"), 404, null);
    }

    private static long subnet(String cidr, String gateway) {
        Map<String, Object> body = new HashMap<>();
        body.put("cidr", cidr);
        if (gateway != null) {
            body.put("gateway", gateway);
        }
        HttpResponse<String> created = api.post("/api/v1/subnets", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return api.json(created).path("id").asLong();
    }

    private static void poolError(Object body, String field) {
        ApiAnswers.assertError(api, api.post("/api/v1/pools", body), 400, field);
    }

    private static void assignmentError(Object body, String field) {
        ApiAnswers.assertError(api, api.post("/api/v1/assignments", body), 400, field);
    }

    private static List<Long> ids(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(api.json(answer).spliterator(), false).map(n -> n.path("id").asLong()).toList();
    }
}
