package io.routerbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every control-port endpoint and every fault, observed on the API wire. */
class ControlPortTest {
    static RouterOsEmulator emu;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        emu = RouterOsEmulator.start(EmulatorConfig.builder().password("pw").controlPort(true)
                .rebootDowntimeMs(300).build());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @BeforeEach
    void reset() throws Exception {
        assertThat(post("/reset", "").statusCode()).isEqualTo(200);
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.controlPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.controlPort() + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    RawApiClient login() throws Exception {
        return RawApiClient.login(emu.apiPort(), "admin", "pw");
    }

    @Test
    void stateDumpsEveryMenu() throws Exception {
        try (RawApiClient c = login()) {
            c.call("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether2");
        }
        JsonNode state = json(get("/state"));
        assertThat(state.get("/ip/address").get(0).get("network").asText()).isEqualTo("10.0.0.0");
        assertThat(state.get("/interface").size()).isEqualTo(4);
        assertThat(state.has("/ppp/secret")).isTrue();
        assertThat(state.get("/system/identity").get(0).get("name").asText()).isEqualTo("MikroTik");
        post("/reset", "");
        assertThat(json(get("/state")).get("/ip/address").size()).isZero();
    }

    @Test
    void pppClientsConnectOnlyWithAnEnabledSecret() throws Exception {
        String body = "{\"name\":\"alice\",\"service\":\"l2tp\",\"address\":\"10.20.0.5\",\"caller-id\":\"198.51.100.7\"}";
        assertThat(post("/ppp/active", body).statusCode()).isEqualTo(409);
        try (RawApiClient c = login()) {
            c.call("/ppp/secret/add", "=name=alice", "=password=x", "=service=l2tp");
            HttpResponse<String> created = post("/ppp/active", body);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(json(created).get(".id").asText()).startsWith("*");
            assertThat(c.rows("/ppp/active/print", "?name=alice").get(0)).containsEntry("address", "10.20.0.5")
                    .containsEntry("caller-id", "198.51.100.7");
            HttpResponse<String> sessions = get("/ppp/active");
            assertThat(sessions.statusCode()).isEqualTo(200);
            assertThat(json(sessions).isArray()).isTrue();
            assertThat(json(sessions).get(0).get("name").asText()).isEqualTo("alice");
            assertThat(post("/ppp/active", body.replace("l2tp", "pppoe")).statusCode()).isEqualTo(409);
            c.call("/ppp/secret/disable", "=numbers=alice");
            assertThat(post("/ppp/active", body).statusCode()).isEqualTo(409);
        }
        assertThat(post("/ppp/active", "{\"nme\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(post("/ppp/active", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void connectionsAreCreatedReadAndRemovedOverTheApi() throws Exception {
        HttpResponse<String> r = post("/connections",
                "{\"protocol\":\"tcp\",\"src-address\":\"10.0.0.5:51234\",\"dst-address\":\"93.184.216.34:443\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        String id = json(r).get(".id").asText();
        post("/connections", "{\"protocol\":\"icmp\",\"src-address\":\"10.0.0.6\",\"dst-address\":\"1.1.1.1\"}");
        assertThat(post("/connections", "{\"protocol\":\"tcp\",\"src-address\":\"10.0.0.5:99999\","
                + "\"dst-address\":\"1.1.1.1\"}").statusCode()).isEqualTo(400);
        try (RawApiClient c = login()) {
            assertThat(c.rows("/ip/firewall/connection/print", "?src-address=10.0.0.5")).isEmpty();
            assertThat(c.rows("/ip/firewall/connection/print", "?src-address=10.0.0.5:51234").get(0))
                    .containsEntry("reply-src-address", "93.184.216.34:443").containsEntry("tcp-state", "established");
            assertThat(c.call("/ip/firewall/connection/remove", "=.id=" + id)).containsExactly(List.of("!done"));
            assertThat(c.call("/ip/firewall/connection/remove", "=.id=" + id).get(0))
                    .contains("=message=no such item");
            assertThat(c.rows("/ip/firewall/connection/print")).hasSize(1);
        }
        HttpResponse<String> left = get("/connections");
        assertThat(left.statusCode()).isEqualTo(200);
        assertThat(json(left).isArray()).isTrue();
        assertThat(json(left).get(0).get("src-address").asText()).isEqualTo("10.0.0.6");
    }

    @Test
    void latencyDelaysRepliesWithoutSerialisingPipelinedCommands() throws Exception {
        assertThat(post("/faults", "{\"latencyMs\":100}").statusCode()).isEqualTo(200);
        try (RawApiClient c = login()) {
            long t0 = System.nanoTime();
            c.call("/system/identity/print");
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(95);
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                batch.writeBytes(RawApiClient.encode(List.of("/ip/firewall/address-list/add", "=list=l",
                        "=address=10.3." + (i / 250) + "." + (i % 250 + 1), ".tag=" + i), 0));
            }
            t0 = System.nanoTime();
            c.sendRaw(batch.toByteArray());
            for (int i = 0; i < 1000; i++) {
                assertThat(c.read().get(0)).isEqualTo("!done");
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("1000 pipelined adds at 100 ms latency answered in " + ms + " ms");
            // one by one this would take 1000 x 100 ms = 100 s
            assertThat(ms).isBetween(95L, 10_000L);
        }
    }

    @Test
    void dropAfterSentencesClosesTheConnectionOnce() throws Exception {
        try (RawApiClient c = login()) {
            assertThat(post("/faults", "{\"dropAfterSentences\":2}").statusCode()).isEqualTo(200);
            assertThat(c.call("/system/identity/print")).hasSize(2);
            c.send("/ppp/secret/add", "=name=lost");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawApiClient c = login()) {
            assertThat(c.rows("/system/identity/print")).hasSize(1);
            assertThat(c.rows("/ppp/secret/print")).isEmpty();
        }
    }

    @Test
    void stallAcceptsBytesAndNeverAnswers() throws Exception {
        try (RawApiClient c = login()) {
            post("/faults", "{\"stall\":true}");
            c.socket.setSoTimeout(300);
            c.send("/system/identity/print");
            org.assertj.core.api.Assertions.assertThatThrownBy(c::read)
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(json(get("/stats")).get("total").get("sentences").asLong()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void refuseLoginsAndFailCommands() throws Exception {
        post("/faults", "{\"refuseLogins\":true,\"failCommands\":{\"/ip/address/add\":\"failure: simulated\"}}");
        try (RawApiClient c = RawApiClient.connect(emu.apiPort())) {
            assertThat(c.call("/login", "=name=admin", "=password=pw").get(0))
                    .contains("=message=invalid user name or password (6)");
        }
        assertThat(json(post("/faults", "{\"refuseLogins\":false}")).get("refuseLogins").asBoolean()).isFalse();
        try (RawApiClient c = login()) {
            assertThat(c.call("/ip/address/add", "=address=10.0.0.1", "=interface=ether1"))
                    .containsExactly(List.of("!trap", "=message=failure: simulated"), List.of("!done"));
            post("/faults/clear", "");
            assertThat(c.call("/ip/address/add", "=address=10.0.0.1", "=interface=ether1").get(0).get(0))
                    .isEqualTo("!done");
        }
        assertThat(post("/faults", "{\"latencyMs\":-1}").statusCode()).isEqualTo(400);
        assertThat(post("/faults", "{\"bogus\":1}").statusCode()).isEqualTo(400);
    }

    @Test
    void closeNewConnections() throws Exception {
        post("/faults", "{\"closeNewConnections\":true}");
        try (RawApiClient c = RawApiClient.connect(emu.apiPort())) {
            c.send("/login", "=name=admin", "=password=pw");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void rebootDropsConnectionsRefusesThenComesBack() throws Exception {
        try (RawApiClient c = login()) {
            c.call("/ppp/secret/add", "=name=alice");
            post("/ppp/active", "{\"name\":\"alice\"}");
            assertThat(post("/reboot", "{\"downtimeMs\":400}").statusCode()).isEqualTo(200);
            assertThat(c.closedByServer()).isTrue();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", emu.apiPort()).close())
                .isInstanceOf(ConnectException.class);
        Thread.sleep(600);
        try (RawApiClient c = login()) {
            assertThat(c.rows("/ppp/secret/print")).hasSize(1);
            assertThat(c.rows("/ppp/active/print")).isEmpty();
        }
    }

    @Test
    void statsCountRoundTripsNotPipelinedCommands() throws Exception {
        try (RawApiClient c = login()) {
            post("/stats/reset", "");
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
                batch.writeBytes(RawApiClient.encode(List.of("/ppp/secret/add", "=name=p" + i, ".tag=" + i), 0));
            }
            c.sendRaw(batch.toByteArray());
            for (int i = 0; i < 10; i++) {
                c.read();
            }
            JsonNode total = json(get("/stats")).get("total");
            assertThat(total.get("commands").asLong()).isEqualTo(10);
            assertThat(total.get("roundTrips").asLong()).isEqualTo(1);
            for (int i = 0; i < 3; i++) {
                c.call("/system/identity/print");
            }
            JsonNode stats = json(get("/stats"));
            assertThat(stats.get("total").get("roundTrips").asLong()).isEqualTo(4);
            assertThat(stats.get("total").get("sentences").asLong()).isEqualTo(13);
            assertThat(stats.get("connections").get(0).get("roundTrips").asLong()).isEqualTo(4);
            assertThat(emu.stats().total().roundTrips()).isEqualTo(4);
        }
    }

    @Test
    void traceFollowsRulesConfiguredOverTheApi() throws Exception {
        try (RawApiClient c = login()) {
            c.call("/ip/address/add", "=address=203.0.113.7/24", "=interface=ether1");
            c.call("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether2");
            c.call("/ip/firewall/nat/add", "=chain=dstnat", "=action=dst-nat", "=protocol=tcp",
                    "=dst-address=203.0.113.7", "=dst-port=8080", "=to-addresses=10.0.0.5", "=to-ports=80");
            String packet = "{\"src\":\"198.51.100.9\",\"dst\":\"203.0.113.7\",\"protocol\":\"tcp\","
                    + "\"srcPort\":40000,\"dstPort\":8080,\"inInterface\":\"ether1\"}";
            HttpResponse<String> r = post("/trace", packet);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode accepted = json(r);
            assertThat(accepted.get("verdict").asText()).isEqualTo("accept");
            assertThat(accepted.get("finalDstAddress").asText()).isEqualTo("10.0.0.5");
            assertThat(accepted.get("finalDstPort").asInt()).isEqualTo(80);
            assertThat(accepted.get("outInterface").asText()).isEqualTo("ether2");

            c.call("/ip/firewall/filter/add", "=chain=forward", "=action=drop", "=dst-address=10.0.0.5");
            assertThat(json(post("/trace", packet)).get("verdict").asText()).isEqualTo("drop");
        }
        assertThat(post("/trace", "{\"src\":\"nope\",\"dst\":\"1.1.1.1\"}").statusCode()).isEqualTo(400);
        assertThat(post("/trace", "{\"dst\":\"1.1.1.1\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownEndpointsAndMethods() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/reset").statusCode()).isEqualTo(405);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.controlPort() + "/connections"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("POST, GET");
    }
}
