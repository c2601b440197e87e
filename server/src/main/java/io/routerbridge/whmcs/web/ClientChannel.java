package io.routerbridge.whmcs.web;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.path;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.whmcs.client.OwnedService;
import io.routerbridge.whmcs.client.ServiceOwnership;
import java.util.List;

/**
 * The client area's part of the signed channel: {@code /whmcs/v1/client/{clientId}} with every capability's
 * {@link ClientRoutes}. Routes under {@code services/{serviceId}} are preceded by the ownership check, so no
 * capability can add a service route that skips it.
 */
public final class ClientChannel {
    public static final String PATH = "/v1/client/{clientId}";
    private static final String OWNED_SERVICE = "routerbridge.ownedService";

    private final ServiceOwnership ownership;
    private final List<ClientRoutes> parts;

    public ClientChannel(ServiceOwnership ownership, List<ClientRoutes> parts) {
        this.ownership = ownership;
        this.parts = List.copyOf(parts);
    }

    /** Call inside {@code path("/whmcs/" + PATH, ...)}, after the signature check of {@code /whmcs}. */
    public void addRoutes() {
        parts.forEach(ClientRoutes::addClientRoutes);
        path("/services/{serviceId}", () -> {
            // Two matchers: "{serviceId}*" would let "/services/56" be read as service 5.
            before("", this::requireOwnedService);
            before("/*", this::requireOwnedService);
            parts.forEach(ClientRoutes::addServiceRoutes);
        });
    }

    private void requireOwnedService(Context ctx) {
        ctx.attribute(OWNED_SERVICE, ownership.require(clientId(ctx), ApiRequests.pathId(ctx, "serviceId")));
    }

    /** The logged-in client the PHP addon named in the (signed) path. */
    public static long clientId(Context ctx) {
        return ApiRequests.pathId(ctx, "clientId");
    }

    /** The service of a service route, as the ownership check found it. */
    public static OwnedService ownedService(Context ctx) {
        OwnedService owned = ctx.attribute(OWNED_SERVICE);
        if (owned == null || owned.serviceId() != ApiRequests.pathId(ctx, "serviceId")) {
            throw new IllegalStateException("service route without the ownership check: " + ctx.path());
        }
        return owned;
    }
}
