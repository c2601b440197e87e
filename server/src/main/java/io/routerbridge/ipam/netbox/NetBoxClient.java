package io.routerbridge.ipam.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.routerbridge.ipam.integration.IntegrationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NetBox's REST API for prefixes and IP addresses: lists are paginated ({@code count}, {@code next},
 * {@code results}) and followed to the end; requests carry {@code Authorization: Token <token>}.
 * Every failure is an {@link IntegrationException} whose message names NetBox's URL and status but
 * never the token.
 */
public final class NetBoxClient {
    public static final String PREFIXES = "/api/ipam/prefixes/";
    public static final String IP_ADDRESSES = "/api/ipam/ip-addresses/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PAGES = 10_000;

    private final NetBoxSettings settings;
    private final HttpClient http;
    private final Duration timeout;

    public NetBoxClient(NetBoxSettings settings) {
        this(settings, Duration.ofSeconds(10));
    }

    public NetBoxClient(NetBoxSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public List<NetBoxObject> prefixes() {
        return list(PREFIXES, "prefix");
    }

    public List<NetBoxObject> ipAddresses() {
        return list(IP_ADDRESSES, "address");
    }

    /** The IP address objects whose host part is {@code host} (NetBox's {@code address} filter ignores the mask). */
    public Optional<NetBoxObject> findIpAddress(String host) {
        return list(IP_ADDRESSES + "?address=" + encode(host), "address").stream().findFirst();
    }

    public Optional<NetBoxObject> findPrefix(String cidr) {
        return list(PREFIXES + "?prefix=" + encode(cidr), "prefix").stream().findFirst();
    }

    /** Creates an object under {@code collection} (PREFIXES or IP_ADDRESSES) with the given fields. */
    public NetBoxObject create(String collection, Map<String, Object> fields) {
        return object(send("POST", uri(collection), fields, 201), valueField(collection));
    }

    public NetBoxObject update(String collection, long id, Map<String, Object> fields) {
        return object(send("PATCH", uri(collection + id + "/"), fields, 200), valueField(collection));
    }

    public void delete(String collection, long id) {
        send("DELETE", uri(collection + id + "/"), null, 204);
    }

    private List<NetBoxObject> list(String pathAndQuery, String valueField) {
        List<NetBoxObject> found = new ArrayList<>();
        URI next = uri(pathAndQuery);
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new IntegrationException("netbox", "more than " + MAX_PAGES + " pages at " + pathAndQuery);
            }
            JsonNode body = send("GET", next, null, 200);
            JsonNode results = body.path("results");
            if (!results.isArray()) {
                throw new IntegrationException("netbox", "answer from " + next + " has no results list");
            }
            results.forEach(result -> found.add(object(result, valueField)));
            next = body.path("next").isTextual() ? sameServer(URI.create(body.path("next").asText())) : null;
        }
        return found;
    }

    /** A "next" link is followed only to the configured server, so the token never goes elsewhere. */
    private URI sameServer(URI next) {
        URI base = settings.baseUrl();
        if (!base.getScheme().equals(next.getScheme()) || !base.getHost().equalsIgnoreCase(next.getHost())
                || base.getPort() != next.getPort()) {
            throw new IntegrationException("netbox", "pagination link points to another server: " + next.getHost());
        }
        return next;
    }

    private JsonNode send(String method, URI uri, Map<String, Object> fields, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Token " + settings.token())
                .header("Accept", "application/json");
        try {
            if (fields == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(fields)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IntegrationException("netbox", method + " " + uri.getPath() + " answered HTTP "
                        + response.statusCode() + detail(response.body()));
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IntegrationException("netbox", "NetBox at " + settings.baseUrl() + " is unreachable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException("netbox", "interrupted while calling NetBox");
        }
    }

    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private static NetBoxObject object(JsonNode node, String valueField) {
        JsonNode status = node.path("status");
        String statusValue = status.isObject() ? status.path("value").asText() : status.asText();
        return new NetBoxObject(node.path("id").asLong(), node.path(valueField).asText(), statusValue,
                node.path("description").asText(""));
    }

    private static String valueField(String collection) {
        return collection.equals(PREFIXES) ? "prefix" : "address";
    }

    private URI uri(String pathAndQuery) {
        return URI.create(settings.baseUrl() + pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
