package io.routerbridge.app.http;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.routerbridge.api.web.RestApi;
import io.routerbridge.http.ErrorMapper;
import io.routerbridge.http.HealthEndpoints;
import io.routerbridge.whmcs.web.ClientChannel;
import io.routerbridge.whmcs.web.WhmcsEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP application: every route of the service in one tree, every dependency passed in. */
public final class HttpApp {
    private static final Logger log = LoggerFactory.getLogger(HttpApp.class);

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
            // Method, route template and status only: bodies, query strings and path values may carry secrets.
            config.requestLogger.http((ctx, ms) -> {
                if (!ctx.path().startsWith("/health/")) {
                    log.info("{} {} -> {} in {} ms", ctx.method(), routeOf(ctx), ctx.statusCode(), Math.round(ms));
                }
            });
            // Jetty's per-connection header cache otherwise answers a header by an earlier one that differs
            // only in case, so "Bearer rbk_..." could be read as a previous request's "Bearer RBK_...".
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.router.apiBuilder(() -> {
                get("/health/ready", health::ready);
                path("/whmcs", () -> {
                    before("/*", whmcs::verifySignature);
                    post("/v1/module/{function}", whmcs::moduleFunction);
                    post("/v1/hook/{hook}", whmcs::hook);
                    path(ClientChannel.PATH, whmcs::clientRoutes);
                });
                path(RestApi.BASE_PATH, api::addRoutes);
            });
        });
        errors.register(app);
        return app;
    }

    /** The matched route's template (e.g. /api/v1/subnets/{id}), never the concrete path. */
    private static String routeOf(io.javalin.http.Context ctx) {
        try {
            String template = ctx.endpointHandlerPath();
            return template == null || template.isEmpty() ? "(no route)" : template;
        } catch (RuntimeException noMatchedRoute) {
            return "(no route)";
        }
    }

    /** Starts on the given interface and port (0 = any free port); the caller stops it. */
    public RunningHttp start(String host, int port) {
        return new RunningHttp(create().start(host, port));
    }
}
