package io.routerbridge.api.web;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.get;

import io.routerbridge.api.ApiKeys;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.http.ErrorMapper;
import java.util.List;

/** /api/v1: authentication, the OpenAPI document and every capability's routes. */
public final class RestApi {
    public static final String BASE_PATH = "/api/v1";
    public static final String OPENAPI_PATH = BASE_PATH + "/openapi.json";

    private final ApiAuthentication authentication;
    private final OpenApiDocument openApi;
    private final List<ApiRoutes> parts;

    public RestApi(ApiKeys keys, OpenApiDocument openApi, List<ApiRoutes> parts) {
        this.authentication = new ApiAuthentication(keys, OPENAPI_PATH);
        this.openApi = openApi;
        this.parts = List.copyOf(parts);
    }

    /** Call inside {@code path(BASE_PATH, ...)} of the route tree. */
    public void addRoutes() {
        before("/*", authentication::requireKey);
        get("/openapi.json", openApi::serve);
        parts.forEach(ApiRoutes::addRoutes);
    }

    public void translateErrors(ErrorMapper errors) {
        parts.forEach(part -> part.translateErrors(errors));
    }
}
