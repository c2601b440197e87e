package io.routerbridge.api.web;

import io.javalin.http.Context;
import io.routerbridge.api.ApiKeys;
import io.routerbridge.errors.UnauthorizedException;
import io.routerbridge.http.ApiRequests;

/** Before-handler of /api/v1: every route but the OpenAPI document needs {@code Authorization: Bearer <key>}. */
final class ApiAuthentication {
    private static final String SCHEME = "Bearer ";

    private final ApiKeys keys;
    private final String publicPath;

    ApiAuthentication(ApiKeys keys, String publicPath) {
        this.keys = keys;
        this.publicPath = publicPath;
    }

    void requireKey(Context ctx) {
        if (ctx.path().equals(publicPath)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            challenge(ctx);
            throw new UnauthorizedException("missing Authorization: Bearer <API key> header");
        }
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            challenge(ctx);
            throw new UnauthorizedException("Authorization header must be: Bearer <API key>");
        }
        try {
            ctx.attribute(ApiRequests.API_KEY_NAME, keys.authenticate(header.substring(SCHEME.length()).trim()).name());
        } catch (UnauthorizedException e) {
            challenge(ctx);
            throw e;
        }
    }

    private static void challenge(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"routerbridge\"");
    }
}
