package io.routerbridge.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * PUT /api/v1/integrations/mikrotik with one bad field among good ones: always a 4xx naming that field, nothing
 * stored, and not one command reaches the router.
 */
class MikroTikApiFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/integrations/mikrotik";
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private static TestDatabase db;
    private static TestService service;
    private static RouterOsEmulator router;
    private static ApiTestClient api;

    /** A body and the field its answer must name. */
    record BadSettings(String body, String field) {
    }

    @BeforeContainer
    static void start() {
        db = new TestDatabase().start();
        service = TestService.start(db);
        router = MikroTikFixture.emulator();
        MikroTikFixture.knownRouter(service, 7, router);
        router.resetStats();
        api = ApiTestClient.withNewKey(service);
    }

    @AfterContainer
    static void stop() {
        int stored = api.get(PATH).statusCode();
        long commands = router.stats().total().commands();
        router.close();
        service.close();
        db.close();
        assertThat(REQUESTS.get()).isGreaterThanOrEqualTo(400);
        assertThat(stored).as("nothing was stored").isEqualTo(404);
        assertThat(commands).as("no command reached the router").isZero();
    }

    @Property(tries = 400)
    void oneBadFieldIsRejectedByName(@ForAll("badSettings") BadSettings request) {
        HttpResponse<String> answer = api.send("PUT", PATH, request.body());
        REQUESTS.incrementAndGet();
        assertThat(answer.statusCode()).as(request.body() + " -> " + answer.body()).isBetween(400, 499);
        assertThat(api.json(answer).path("error").asText()).isNotBlank();
        assertThat(api.json(answer).path("field").asText()).as(request.body() + " -> " + answer.body())
                .isEqualTo(request.field());
    }

    @Provide
    Arbitrary<BadSettings> badSettings() {
        Arbitrary<String> field = Arbitraries.of("router", "addressList", "interface", "enabled", "unknown");
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(80);
        return Combinators.combine(field, text, Arbitraries.integers().between(0, 9)).as((name, noise, pick) -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("router", 7);
            body.put("addressList", "vps");
            body.put("interface", "ether2");
            body.put("enabled", true);
            switch (name) {
                case "router" -> badRouter(body, pick, noise);
                case "addressList" -> badName(body, "addressList", pick, noise, "rb-own");
                case "interface" -> badName(body, "interface", pick, noise, "ether 2");
                case "enabled" -> body.set("enabled", List.of(JSON.getNodeFactory().textNode("maybe"),
                        JSON.createArrayNode(), JSON.createObjectNode()).get(pick % 3));
                default -> body.put("gateway", noise);
            }
            return new BadSettings(body.toString(), name.equals("unknown") ? "gateway" : name);
        });
    }

    private static void badRouter(ObjectNode body, int pick, String noise) {
        switch (pick) {
            case 0 -> body.putNull("router");
            case 1 -> body.remove("router");
            case 2 -> body.put("router", 0);
            case 3 -> body.put("router", -7);
            case 4 -> body.put("router", 99);
            case 5 -> body.put("router", 1L << 40);
            case 6 -> body.put("router", "seven " + noise);
            case 7 -> body.set("router", JSON.createArrayNode().add(7));
            case 8 -> body.put("router", true);
            default -> body.set("router", JSON.createObjectNode().put("id", 7));
        }
    }

    /** A value no RouterOS name check accepts: blanks inside, too long, a bad first character, or not text at all. */
    private static void badName(ObjectNode body, String field, int pick, String noise, String fixed) {
        switch (pick) {
            case 0 -> body.put(field, fixed);
            case 1 -> body.put(field, "x".repeat(64) + noise);
            case 2 -> body.put(field, "-" + noise);
            case 3 -> body.put(field, "a b" + noise);
            case 4 -> body.put(field, "a\n=disabled=yes" + noise);
            case 5 -> body.put(field, "a\u0000" + noise);
            case 6 -> body.put(field, "é" + noise);
            case 7 -> body.set(field, JSON.createArrayNode().add("vps"));
            case 8 -> body.set(field, JSON.createObjectNode());
            default -> body.put(field, "a;b" + noise);
        }
    }
}
