package io.routerbridge.ipam.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1/subnets against the real service and MariaDB. Each test uses its own address space. */
class SubnetApiTest {
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
    void createGetListAndDelete() {
        HttpResponse<String> created = api.post("/api/v1/subnets", Map.of("cidr", "10.1.0.0/24", "gateway", "10.1.0.1",
                "excluded", List.of("10.1.0.10-10.1.0.20", "10.1.0.99"), "description", "customers Ω"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode subnet = api.json(created);
        long id = subnet.path("id").asLong();
        assertThat(subnet.path("cidr").asText()).isEqualTo("10.1.0.0/24");
        assertThat(subnet.path("family").asInt()).isEqualTo(4);
        assertThat(subnet.path("prefixLength").asInt()).isEqualTo(24);
        assertThat(subnet.path("gateway").asText()).isEqualTo("10.1.0.1");
        assertThat(subnet.path("excluded").toString()).isEqualTo("[\"10.1.0.10-10.1.0.20\",\"10.1.0.99\"]");
        assertThat(subnet.path("reserveBroadcast").asBoolean()).isTrue();
        assertThat(subnet.path("description").asText()).isEqualTo("customers Ω");

        HttpResponse<String> fetched = api.get("/api/v1/subnets/" + id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(api.json(fetched)).isEqualTo(subnet);
        assertThat(ids(api.get("/api/v1/subnets?contains=10.1.0.77"))).containsExactly(id);
        assertThat(ids(api.get("/api/v1/subnets?family=4"))).contains(id);
        assertThat(ids(api.get("/api/v1/subnets?family=6"))).doesNotContain(id);

        assertThat(api.delete("/api/v1/subnets/" + id).statusCode()).isEqualTo(204);
        assertError(api.get("/api/v1/subnets/" + id), 404, null);
        assertError(api.delete("/api/v1/subnets/" + id), 404, null);
    }

    @Test
    void ipv6AndNestedSubnets() {
        long parent = api.json(api.post("/api/v1/subnets", Map.of("cidr", "2001:db8:100::/48"))).path("id").asLong();
        HttpResponse<String> child = api.post("/api/v1/subnets", Map.of("cidr", "2001:db8:100:5::/64", "parentId", parent));
        assertThat(child.statusCode()).as(child.body()).isEqualTo(201);
        long childId = api.json(child).path("id").asLong();
        assertThat(api.json(child).path("family").asInt()).isEqualTo(6);

        assertThat(ids(api.get("/api/v1/subnets?parentId=" + parent))).containsExactly(childId);
        assertError(api.delete("/api/v1/subnets/" + parent), 409, null);
        assertThat(api.delete("/api/v1/subnets/" + childId).statusCode()).isEqualTo(204);
        assertThat(api.delete("/api/v1/subnets/" + parent).statusCode()).isEqualTo(204);
    }

    @Test
    void invalidSubnetsNameTheField() {
        api.post("/api/v1/subnets", Map.of("cidr", "10.2.0.0/16"));

        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/33")), 400, "cidr");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "not-a-cidr")), 400, "cidr");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.1/24")), 400, "cidr");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0")), 400, "cidr");
        assertError(api.post("/api/v1/subnets", Map.of("gateway", "10.3.0.1")), 400, "cidr");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.2.5.0/24")), 400, "cidr");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.0.0.0/8")), 400, "cidr");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "gateway", "10.4.0.1")), 400, "gateway");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "gateway", "10.3.0.255")), 400, "gateway");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "gateway", "2001:db8::1")), 400, "gateway");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "excluded", List.of("10.9.9.9"))), 400, "excluded");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "excluded", List.of("10.3.0.9-10.3.0.2"))), 400, "excluded");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "excluded", List.of("banana"))), 400, "excluded");
        assertError(api.post("/api/v1/subnets", "{\"cidr\": \"10.3.0.0/24\", \"excluded\": \"10.3.0.5\"}"), 400, "excluded");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "parentId", 999999)), 400, "parentId");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "parentId", -1)), 400, "parentId");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "description", "d".repeat(256))), 400, "description");
        assertError(api.post("/api/v1/subnets", Map.of("cidr", "10.3.0.0/24", "colour", "red")), 400, "colour");
        assertError(api.post("/api/v1/subnets", "{\"cidr\": 10}"), 400, "cidr");
        assertError(api.post("/api/v1/subnets", "{\"cidr\": \"10.3.0.0/24\", \"reserveNetwork\": \"yes\"}"), 400, "reserveNetwork");
        assertError(api.post("/api/v1/subnets", "{\"cidr\": \"10.3.0.0/24\", \"parentId\": \"1\"}"), 400, "parentId");
        assertError(api.post("/api/v1/subnets", "{\"cidr\": \"10.3.0.0/24\", \"parentId\": 99999999999999999999}"), 400, "parentId");
        assertError(api.post("/api/v1/subnets", "{\"cidr\": \"10.3.0.0/24\""), 400, null);
        assertError(api.post("/api/v1/subnets", "[]"), 400, null);
        assertError(api.post("/api/v1/subnets", ""), 400, null);
        assertThat(ids(api.get("/api/v1/subnets?contains=10.3.0.1"))).isEmpty();
    }

    @Test
    void badPathAndQueryParameters() {
        for (String id : List.of("abc", "-1", "0", "99999999999999999999", "1.5", "%20")) {
            assertError(api.get("/api/v1/subnets/" + id), 400, "id");
            assertError(api.delete("/api/v1/subnets/" + id), 400, "id");
        }
        assertError(api.get("/api/v1/subnets?family=5"), 400, "family");
        assertError(api.get("/api/v1/subnets?family=x"), 400, "family");
        assertError(api.get("/api/v1/subnets?parentId=-3"), 400, "parentId");
        assertError(api.get("/api/v1/subnets?contains=10.0.0.0/8"), 400, "contains");
        assertError(api.get("/api/v1/subnets?contains=nope"), 400, "contains");
    }

    static List<Long> ids(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode list = api.json(answer);
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(n -> n.path("id").asLong()).toList();
    }

    static void assertError(HttpResponse<String> answer, int status, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode body = api.json(answer);
        assertThat(body.path("error").asText()).as(answer.body()).isNotBlank();
        if (field != null) {
            assertThat(body.path("field").asText()).as(answer.body()).isEqualTo(field);
        }
    }
}
