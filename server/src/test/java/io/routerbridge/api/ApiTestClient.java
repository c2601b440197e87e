package io.routerbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls /api/v1 of a {@link TestService} with a real API key created in its database. */
public final class ApiTestClient {
    private final TestService service;
    private final String key;

    private ApiTestClient(TestService service, String key) {
        this.service = service;
        this.key = key;
    }

    public static ApiTestClient withNewKey(TestService service) {
        return new ApiTestClient(service, service.app().module(ApiKeysModule.class).apiKeys().create("tests").text());
    }

    public String key() {
        return key;
    }

    public HttpResponse<String> get(String path) {
        return service.send("GET", path, null, auth());
    }

    /** POST with the body as given when it is a String, else serialised as JSON. */
    public HttpResponse<String> post(String path, Object body) {
        return service.send("POST", path, service.toJson(body), auth());
    }

    public HttpResponse<String> delete(String path) {
        return service.send("DELETE", path, null, auth());
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return service.send(method, path, body, auth());
    }

    public JsonNode json(HttpResponse<String> response) {
        return service.json(response);
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + key);
    }
}
