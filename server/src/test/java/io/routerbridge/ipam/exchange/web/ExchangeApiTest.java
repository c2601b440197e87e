package io.routerbridge.ipam.exchange.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/v1/export and POST /api/v1/import through the real service and MariaDB. */
class ExchangeApiTest {
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
    void importDryRunThenImportThenExport() {
        String csv = """
                record,cidr,parent,gateway,excluded,reserveNetwork,reserveGateway,reserveBroadcast,description,name,subnet,kind,prefixLength,range,quarantineSeconds
                subnet,198.51.100.0/24,,198.51.100.1,198.51.100.7,true,true,true,lab,,,,,,
                pool,,,,,,,,,lab-pool,198.51.100.0/24,address,,"198.51.100.10-198.51.100.99",60
                """;
        HttpResponse<String> dry = api.send("POST", "/api/v1/import?format=csv&dryRun=true", csv);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(api.json(dry).path("applied").asBoolean()).isFalse();
        assertThat(api.json(dry).path("subnets").asInt()).isEqualTo(1);
        assertThat(api.json(api.get("/api/v1/subnets"))).isEmpty();

        HttpResponse<String> imported = api.send("POST", "/api/v1/import?format=csv", csv);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(api.json(imported).path("applied").asBoolean()).isTrue();
        assertThat(api.json(api.get("/api/v1/pools")).get(0).path("name").asText()).isEqualTo("lab-pool");

        HttpResponse<String> exported = api.get("/api/v1/export?format=csv");
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(exported.body()).isEqualTo(csv);

        HttpResponse<String> xml = api.get("/api/v1/export?format=xml");
        assertThat(xml.body()).contains("<cidr>198.51.100.0/24</cidr>");
    }

    @Test
    void refusedImportListsLineNumberedErrors() {
        String json = "{\n  \"subnets\" : [ {\n    \"cidr\" : \"203.0.113.0/24\"\n  }, {\n    \"cidr\" : \"203.0.113.0/25\"\n  } ]\n}\n";
        HttpResponse<String> refused = api.send("POST", "/api/v1/import?format=json", json);
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode body = api.json(refused);
        assertThat(body.path("error").asText()).contains("nothing was changed");
        assertThat(body.path("errors").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("cidr");
        assertThat(api.json(api.get("/api/v1/subnets?contains=203.0.113.1"))).isEmpty();
    }

    @Test
    void unknownFormatAndDryRunValuesAreRefused() {
        HttpResponse<String> format = api.get("/api/v1/export?format=yaml");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(api.json(format).path("field").asText()).isEqualTo("format");
        HttpResponse<String> dryRun = api.send("POST", "/api/v1/import?dryRun=yes", "{}");
        assertThat(dryRun.statusCode()).isEqualTo(400);
        assertThat(api.json(dryRun).path("field").asText()).isEqualTo("dryRun");
        assertThat(api.get("/api/v1/export").statusCode()).isEqualTo(200);
        assertThat(service.send("GET", "/api/v1/export", null, Map.of()).statusCode()).isEqualTo(401);
    }
}
