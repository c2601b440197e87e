package io.routerbridge.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.ipam.sync.WhmcsFixture;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1 sync, jobs, orphans, cleaner, usage, settings and logs against the real service and MariaDB. */
class IpamOpsApiTest {
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

    @BeforeEach
    void setUp() {
        WhmcsFixture.reset(db);
        WhmcsFixture.layout(db);
        WhmcsFixture.seedServices(db);
    }

    @Test
    void syncRunsAsAJobWhoseProgressAndOutcomesArePolled() throws InterruptedException {
        HttpResponse<String> started = api.post("/api/v1/sync", Map.of("liveOnly", true));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long jobId = api.json(started).path("jobId").asLong();

        JsonNode job = awaitJob(jobId);
        assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("kind").asText()).isEqualTo("whmcs-sync");
        assertThat(job.path("done").asLong()).isEqualTo(10);
        assertThat(job.path("total").asLong()).isEqualTo(10);
        assertThat(job.path("requestedBy").asText()).isEqualTo("tests");
        JsonNode outcomes = job.path("summary").path("outcomes");
        assertThat(outcomes.path("assigned").asInt()).isEqualTo(4);
        assertThat(outcomes.path("skipped_status").asInt()).isEqualTo(5);
        assertThat(outcomes.path("conflict").asInt()).isEqualTo(1);
        assertThat(job.path("summary").path("items")).hasSize(16);

        JsonNode logs = api.json(api.get("/api/v1/logs?action=sync&actorType=api_key&actor=tests"));
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).path("detail").asText()).contains("assigned=4");
    }

    @Test
    void orphansAreListedReleasedAndLogged() throws InterruptedException {
        awaitJob(api.json(api.post("/api/v1/sync", Map.of("liveOnly", false))).path("jobId").asLong());
        JsonNode orphans = api.json(api.get("/api/v1/orphans"));
        assertThat(orphans).extracting(o -> o.path("reason").asText())
                .containsExactlyInAnyOrder("service_terminated", "service_cancelled", "service_fraud");
        long terminated = 0;
        for (JsonNode orphan : orphans) {
            if (orphan.path("serviceId").asLong() == WhmcsFixture.TERMINATED) {
                terminated = orphan.path("assignmentId").asLong();
            }
        }
        JsonNode one = api.json(api.post("/api/v1/orphans/release", Map.of("ids", List.of(terminated))));
        assertThat(one.path("results").get(0).path("released").asBoolean()).isTrue();
        assertThat(api.json(api.get("/api/v1/orphans"))).hasSize(2);

        JsonNode all = api.json(api.post("/api/v1/orphans/release", Map.of("all", true)));
        assertThat(all.path("results")).hasSize(2);
        assertThat(api.json(api.get("/api/v1/orphans"))).isEmpty();
        JsonNode released = api.json(api.get("/api/v1/logs?action=release&serviceId=" + WhmcsFixture.TERMINATED));
        assertThat(released).hasSize(1);
        assertThat(released.get(0).path("address").asText()).isEqualTo("192.0.2.13");
    }

    @Test
    void assignAndUnassignAreLogged() {
        long pool = api.json(api.get("/api/v1/pools")).get(0).path("id").asLong();
        JsonNode assignment = api.json(api.post("/api/v1/assignments", Map.of("poolId", pool, "serviceId", 4242)));
        api.delete("/api/v1/assignments/" + assignment.path("id").asLong());
        JsonNode logs = api.json(api.get("/api/v1/logs?serviceId=4242"));
        assertThat(logs).extracting(l -> l.path("action").asText()).containsExactly("unassign", "assign");
        assertThat(logs.get(1).path("address").asText()).isEqualTo(assignment.path("address").asText());
    }

    @Test
    void cleanerUsageAndSettings() {
        JsonNode report = api.json(api.post("/api/v1/cleaner/run", Map.of("mode", "notify")));
        assertThat(report.path("mode").asText()).isEqualTo("notify");
        assertThat(report.path("found").asInt()).isZero();

        WhmcsFixture.addonSettings(db, Map.of("usage_alert_threshold", "65", "ip_cleaner_enabled", "on",
                "ip_cleaner_behaviour", "mark-free"));
        JsonNode settings = api.json(api.get("/api/v1/housekeeping/settings"));
        assertThat(settings.path("usageThreshold").asInt()).isEqualTo(65);
        assertThat(settings.path("cleanerMode").asText()).isEqualTo("mark-free");
        assertThat(settings.path("cleanerEnabled").asBoolean()).isTrue();
        assertThat(settings.path("source").asText()).contains("WHMCS");
        assertThat(api.send("PUT", "/api/v1/housekeeping/settings", "{\"usageThreshold\":50}").statusCode())
                .as("changed only in WHMCS").isIn(404, 405);

        JsonNode usage = api.json(api.get("/api/v1/usage"));
        assertThat(usage.path("threshold").asInt()).isEqualTo(65);
        assertThat(usage.path("usage").get(0).path("capacity").asText()).isEqualTo("128");
        assertThat(usage.path("usage").get(0).path("used").asText()).isEqualTo("2");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertError(api.post("/api/v1/sync", "{\"liveOnly\":\"yes\"}"), 400, "liveOnly");
        assertError(api.post("/api/v1/sync", "{\"everything\":true}"), 400, "everything");
        assertError(api.get("/api/v1/jobs/0"), 400, "id");
        assertError(api.get("/api/v1/jobs/abc"), 400, "id");
        assertError(api.get("/api/v1/jobs/987654"), 404, null);
        assertError(api.post("/api/v1/orphans/release", "{}"), 400, "ids");
        assertError(api.post("/api/v1/orphans/release", "{\"ids\":[]}"), 400, "ids");
        assertError(api.post("/api/v1/orphans/release", "{\"ids\":[0]}"), 400, "ids[0]");
        assertError(api.post("/api/v1/orphans/release", "{\"ids\":[\"1\"]}"), 400, "ids[0]");
        assertError(api.post("/api/v1/orphans/release", "{\"ids\":[1],\"all\":true}"), 400, "ids");
        assertError(api.post("/api/v1/cleaner/run", "{}"), 400, "mode");
        assertError(api.post("/api/v1/cleaner/run", "{\"mode\":\"shred\"}"), 400, "mode");
        assertError(api.get("/api/v1/logs?serviceId=abc"), 400, "serviceId");
        assertError(api.get("/api/v1/logs?since=yesterday"), 400, "since");
        assertError(api.get("/api/v1/logs?until=2026-13-01"), 400, "until");
        assertError(api.get("/api/v1/logs?limit=0"), 400, "limit");
        assertError(api.get("/api/v1/logs?actorType=robot"), 400, "actorType");
    }

    private static void assertError(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = api.json(response);
        assertThat(body.path("error").asText()).isNotBlank();
        if (field != null) {
            assertThat(body.path("field").asText()).as(response.body()).isEqualTo(field);
        }
    }

    private static JsonNode awaitJob(long id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode job = api.json(api.get("/api/v1/jobs/" + id));
            String state = job.path("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish");
    }
}
