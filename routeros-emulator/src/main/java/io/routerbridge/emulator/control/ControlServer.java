package io.routerbridge.emulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.routerbridge.emulator.Faults;
import io.routerbridge.emulator.RouterOsEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP+JSON control port tests use to inspect the router and inject faults. */
public final class ControlServer {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    private final RouterOsEmulator emulator;
    private final HttpServer server;
    private final ExecutorService executor;
    /** path -> method -> handler: one HTTP context per path, so GET and POST of one path both work. */
    private final Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();

    /** A 4xx answer. */
    static final class ClientError extends RuntimeException {
        final int status;

        ClientError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(JsonNode body) throws IOException;
    }

    public ControlServer(RouterOsEmulator emulator, String bindAddress, int port) throws IOException {
        this.emulator = emulator;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "emulator-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        route("POST", "/reset", body -> {
            emulator.reset();
            return Map.of("ok", true);
        });
        route("GET", "/state", body -> emulator.state().dump());
        route("POST", "/ppp/active", this::connectPpp);
        route("GET", "/ppp/active", body -> emulator.state().rows("/ppp/active"));
        route("POST", "/connections", this::addConnection);
        route("GET", "/connections", body -> emulator.state().rows("/ip/firewall/connection"));
        route("POST", "/faults", this::setFaults);
        route("GET", "/faults", body -> faultsJson(emulator.faults()));
        route("POST", "/faults/clear", body -> faultsJson(emulator.faults().clear()));
        route("POST", "/reboot", body -> {
            int downtime = body.has("downtimeMs") ? intField(body, "downtimeMs", 0, 600_000)
                    : emulator.config().rebootDowntimeMs();
            emulator.reboot(downtime);
            return Map.of("rebooting", true, "downtimeMs", downtime);
        });
        route("GET", "/stats", body -> emulator.stats());
        route("POST", "/stats/reset", body -> {
            emulator.resetStats();
            return emulator.stats();
        });
        route("POST", "/trace", body -> TraceEndpoint.trace(emulator, body));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void route(String method, String path, Handler handler) {
        Map<String, Handler> byMethod = routes.get(path);
        if (byMethod != null) {
            byMethod.put(method, handler);
            return;
        }
        byMethod = new LinkedHashMap<>();
        byMethod.put(method, handler);
        routes.put(path, byMethod);
        Map<String, Handler> methods = byMethod;
        server.createContext(path, exchange -> {
            try {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    send(exchange, 404, Map.of("error", "no such endpoint"));
                    return;
                }
                String requested = exchange.getRequestMethod();
                Handler chosen = methods.get(requested);
                if (chosen == null) {
                    String allowed = String.join(", ", methods.keySet());
                    exchange.getResponseHeaders().add("Allow", allowed);
                    send(exchange, 405, Map.of("error", "use " + allowed));
                    return;
                }
                JsonNode body = readBody(exchange);
                Object result = chosen.handle(body);
                send(exchange, "POST".equals(requested) && (path.equals("/ppp/active") || path.equals("/connections"))
                        ? 201 : 200, result);
            } catch (ClientError e) {
                send(exchange, e.status, Map.of("error", e.getMessage()));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, Map.of("error", e.getMessage()));
            } catch (IllegalStateException e) {
                send(exchange, 409, Map.of("error", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("control request {} failed", path, e);
                send(exchange, 500, Map.of("error", "internal error"));
            } finally {
                exchange.close();
            }
        });
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ClientError(413, "body too large");
            }
            if (bytes.length == 0) {
                return JSON.createObjectNode();
            }
            JsonNode node;
            try {
                node = JSON.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw new ClientError(400, "body is not valid JSON");
            }
            if (node == null || !node.isObject()) {
                throw new ClientError(400, "body must be a JSON object");
            }
            return node;
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.debug("control response not delivered: {}", e.toString());
        }
    }

    private Object connectPpp(JsonNode body) {
        allowOnly(body, Set.of("name", "service", "address", "caller-id"));
        String name = textField(body, "name", true);
        String id = emulator.connectPppClient(name, textField(body, "service", false),
                textField(body, "address", false), textField(body, "caller-id", false));
        return emulator.state().row("/ppp/active", id);
    }

    private Object addConnection(JsonNode body) {
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ClientError(400, e.getKey() + " must be a string, number or boolean");
            }
            fields.put(e.getKey(), e.getValue().asText());
        }
        String id = emulator.addConnection(fields);
        return emulator.state().row("/ip/firewall/connection", id);
    }

    private Object setFaults(JsonNode body) {
        allowOnly(body, Set.of("latencyMs", "dropAfterSentences", "stall", "refuseLogins", "closeNewConnections",
                "failCommands"));
        Faults f = emulator.faults();
        // validate everything before changing anything
        Integer latency = body.has("latencyMs") ? intField(body, "latencyMs", 0, 600_000) : null;
        Integer drop = body.has("dropAfterSentences") ? intField(body, "dropAfterSentences", 1, 1_000_000) : null;
        Boolean stall = body.has("stall") ? boolField(body, "stall") : null;
        Boolean refuse = body.has("refuseLogins") ? boolField(body, "refuseLogins") : null;
        Boolean closeNew = body.has("closeNewConnections") ? boolField(body, "closeNewConnections") : null;
        Map<String, String> failing = new LinkedHashMap<>();
        if (body.has("failCommands")) {
            JsonNode fc = body.get("failCommands");
            if (!fc.isObject()) {
                throw new ClientError(400, "failCommands must be an object {command: message}");
            }
            fc.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("/") || !e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
                    throw new ClientError(400, "failCommands maps a /command to a non-empty message");
                }
                failing.put(e.getKey(), e.getValue().asText());
            });
        }
        if (latency != null) {
            f.latencyMs(latency);
        }
        if (drop != null) {
            f.dropAfterSentences(drop);
        }
        if (stall != null) {
            f.stall(stall);
        }
        if (refuse != null) {
            f.refuseLogins(refuse);
        }
        if (closeNew != null) {
            f.closeNewConnections(closeNew);
        }
        failing.forEach(f::failCommand);
        return faultsJson(f);
    }

    private static ObjectNode faultsJson(Faults f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("latencyMs", f.latencyMs());
        int drop = f.dropAfterSentencesRemaining();
        if (drop > 0) {
            n.put("dropAfterSentences", drop);
        } else {
            n.putNull("dropAfterSentences");
        }
        n.put("stall", f.stall());
        n.put("refuseLogins", f.refuseLogins());
        n.put("closeNewConnections", f.closeNewConnections());
        n.set("failCommands", JSON.valueToTree(f.failingCommands()));
        return n;
    }

    static void allowOnly(JsonNode body, Set<String> names) {
        body.fieldNames().forEachRemaining(n -> {
            if (!names.contains(n)) {
                throw new ClientError(400, "unknown field " + n + " (allowed: " + String.join(", ", names) + ")");
            }
        });
    }

    static String textField(JsonNode body, String name, boolean required) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ClientError(400, name + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new ClientError(400, name + " must be a string");
        }
        if (required && v.asText().isEmpty()) {
            throw new ClientError(400, name + " must not be empty");
        }
        return v.asText();
    }

    static int intField(JsonNode body, String name, int min, int max) {
        JsonNode v = body.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw new ClientError(400, name + " must be an integer from " + min + " to " + max);
        }
        return v.asInt();
    }

    static boolean boolField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isBoolean()) {
            throw new ClientError(400, name + " must be true or false");
        }
        return v.asBoolean();
    }
}
