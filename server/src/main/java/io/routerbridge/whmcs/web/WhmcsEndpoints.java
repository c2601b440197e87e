package io.routerbridge.whmcs.web;

import io.javalin.http.Context;
import io.routerbridge.crypto.RequestSigner;
import io.routerbridge.whmcs.SignatureVerifier;
import io.routerbridge.whmcs.WhmcsDispatcher;

/** HTTP edge of the signed channel: the signature check, the two dispatch endpoints and the client area's routes. */
public final class WhmcsEndpoints {
    private final SignatureVerifier verifier;
    private final WhmcsDispatcher dispatcher;
    private final ClientChannel clients;

    public WhmcsEndpoints(SignatureVerifier verifier, WhmcsDispatcher dispatcher, ClientChannel clients) {
        this.verifier = verifier;
        this.dispatcher = dispatcher;
        this.clients = clients;
    }

    public void verifySignature(Context ctx) {
        String query = ctx.queryString();
        String pathAndQuery = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        verifier.verify(ctx.method().name(), pathAndQuery, ctx.header(RequestSigner.TIMESTAMP_HEADER),
                ctx.header(RequestSigner.NONCE_HEADER), ctx.header(RequestSigner.SIGNATURE_HEADER), ctx.bodyAsBytes());
    }

    public void moduleFunction(Context ctx) {
        ctx.json(dispatcher.callFunction(ctx.pathParam("function"), ctx.bodyAsBytes()).toAnswer());
    }

    public void hook(Context ctx) {
        ctx.json(dispatcher.callHook(ctx.pathParam("hook"), ctx.bodyAsBytes()).toAnswer());
    }

    /** Call inside {@code path("/whmcs" + ClientChannel.PATH, ...)}. */
    public void clientRoutes() {
        clients.addRoutes();
    }
}
