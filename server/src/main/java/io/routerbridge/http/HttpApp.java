package io.routerbridge.http;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.routerbridge.api.RestApi;
import io.routerbridge.whmcs.WhmcsEndpoints;

/** The HTTP application: every route of the service in one tree, every dependency passed in. */
public final class HttpApp {
    private final ObjectMapper json;
    private final HealthEndpoints health;
    private final WhmcsEndpoints whmcs;
    private final RestApi api;
    private final ErrorMapper errors = new ErrorMapper();

    public HttpApp(ObjectMapper json, HealthEndpoints health, WhmcsEndpoints whmcs, RestApi api) {
        this.json = json;
        this.health = health;
        this.whmcs = whmcs;
        this.api = api;
        api.translateErrors(errors);
    }

    public Javalin create() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = 4_000_000L;
            config.router.apiBuilder(() -> {
                get("/health/ready", health::ready);
                path("/whmcs", () -> {
                    before("/*", whmcs::verifySignature);
                    post("/v1/module/{function}", whmcs::moduleFunction);
                    post("/v1/hook/{hook}", whmcs::hook);
                });
                path(RestApi.BASE_PATH, api::addRoutes);
            });
        });
        errors.register(app);
        return app;
    }

    /** Starts on the given interface and port (0 = any free port); the caller stops it. */
    public Javalin start(String host, int port) {
        return create().start(host, port);
    }
}
