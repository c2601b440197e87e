package io.routerbridge.api;

import io.routerbridge.api.web.OpenApiDocument;
import io.routerbridge.api.web.RestApi;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import java.util.List;

/** REST API keys (made and revoked on the command line) and the {@code /api/v1} tree they open. */
public final class ApiKeysModule implements Module {
    private final ApiKeys apiKeys;

    public ApiKeysModule(Infrastructure infra) {
        this.apiKeys = new ApiKeys(new ApiKeyRepository(infra.dsl()), infra.clock());
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** {@code /api/v1}: the key check, the OpenAPI document and every module's routes. */
    public RestApi restApi(List<ApiRoutes> parts) {
        return new RestApi(apiKeys, OpenApiDocument.load(), parts);
    }
}
