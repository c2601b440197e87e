package io.routerbridge.ipam.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small NetBox on 127.0.0.1 (ephemeral port) answering in NetBox's shapes for prefixes and IP
 * addresses: paginated lists of {@value #PAGE_SIZE} with absolute {@code next} links, status objects,
 * the {@code address} (host part) and {@code prefix} filters, POST/PATCH/DELETE. Records every request.
 */
public final class FakeNetBox implements AutoCloseable {
    static final int PAGE_SIZE = 2;
    public static final String TOKEN = "0123456789abcdef-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String method, String pathAndQuery, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(100);
    private final Map<String, Map<Long, ObjectNode>> collections = new HashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeNetBox() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collections.put(NetBoxClient.PREFIXES, new LinkedHashMap<>());
        collections.put(NetBoxClient.IP_ADDRESSES, new LinkedHashMap<>());
        server.createContext("/api/ipam/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized long add(String collection, String value, String status, String description) {
        long id = ids.incrementAndGet();
        ObjectNode object = JSON.createObjectNode();
        object.put("id", id);
        object.put("url", url() + collection + id + "/");
        object.put(collection.equals(NetBoxClient.PREFIXES) ? "prefix" : "address", value);
        object.putObject("status").put("value", status).put("label", status.substring(0, 1).toUpperCase() + status.substring(1));
        object.put("description", description);
        collections.get(collection).put(id, object);
        return id;
    }

    public synchronized List<ObjectNode> all(String collection) {
        return new ArrayList<>(collections.get(collection).values());
    }

    public List<Request> writes() {
        return requests.stream().filter(r -> !r.method().equals("GET")).toList();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String bodyText = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = bodyText.isEmpty() ? null : JSON.readTree(bodyText);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), authorization, body));
            if (!("Token " + TOKEN).equals(authorization)) {
                answer(exchange, 403, JSON.createObjectNode().put("detail", "Invalid token"));
                return;
            }
            String path = uri.getPath();
            String collection = path.startsWith(NetBoxClient.PREFIXES) ? NetBoxClient.PREFIXES
                    : path.startsWith(NetBoxClient.IP_ADDRESSES) ? NetBoxClient.IP_ADDRESSES : null;
            if (collection == null) {
                answer(exchange, 404, JSON.createObjectNode().put("detail", "Not found."));
                return;
            }
            String rest = path.substring(collection.length()).replace("/", "");
            Map<Long, ObjectNode> objects = collections.get(collection);
            switch (exchange.getRequestMethod()) {
                case "GET" -> list(exchange, collection, objects, query(uri.getRawQuery()));
                case "POST" -> {
                    String field = collection.equals(NetBoxClient.PREFIXES) ? "prefix" : "address";
                    long id = add(collection, body.path(field).asText(), body.path("status").asText(),
                            body.path("description").asText(""));
                    answer(exchange, 201, objects.get(id));
                }
                case "PATCH" -> {
                    ObjectNode object = objects.get(Long.parseLong(rest));
                    if (body.has("status")) {
                        object.putObject("status").put("value", body.path("status").asText());
                    }
                    if (body.has("description")) {
                        object.put("description", body.path("description").asText());
                    }
                    answer(exchange, 200, object);
                }
                case "DELETE" -> {
                    objects.remove(Long.parseLong(rest));
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> answer(exchange, 405, JSON.createObjectNode().put("detail", "Method not allowed"));
            }
        }
    }

    private void list(HttpExchange exchange, String collection, Map<Long, ObjectNode> objects, Map<String, String> query)
            throws IOException {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode object : objects.values()) {
            if (query.containsKey("address")
                    && !object.path("address").asText().split("/")[0].equals(query.get("address"))) {
                continue;
            }
            if (query.containsKey("prefix") && !object.path("prefix").asText().equals(query.get("prefix"))) {
                continue;
            }
            matching.add(object);
        }
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        ObjectNode page = JSON.createObjectNode();
        page.put("count", matching.size());
        if (offset + PAGE_SIZE < matching.size()) {
            StringBuilder next = new StringBuilder(url() + collection + "?limit=" + PAGE_SIZE + "&offset=" + (offset + PAGE_SIZE));
            query.forEach((k, v) -> {
                if (!k.equals("limit") && !k.equals("offset")) {
                    next.append('&').append(k).append('=').append(v);
                }
            });
            page.put("next", next.toString());
        } else {
            page.putNull("next");
        }
        page.putNull("previous");
        ArrayNode results = page.putArray("results");
        matching.stream().skip(offset).limit(PAGE_SIZE).forEach(results::add);
        answer(exchange, 200, page);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
