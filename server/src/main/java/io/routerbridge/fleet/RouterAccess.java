package io.routerbridge.fleet;

import io.routerbridge.routeros.RouterClients;
import io.routerbridge.routeros.RouterEndpoint;
import io.routerbridge.routeros.RouterSession;
import io.routerbridge.whmcs.WhmcsParams;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Sessions to routers over the shared client, and the per-router lock that serialises convergence runs. */
public final class RouterAccess {
    private final RouterClients clients;
    private final Map<Integer, ReentrantLock> locks = new ConcurrentHashMap<>();

    public RouterAccess(RouterClients clients) {
        this.clients = clients;
    }

    public RouterSession session(Router router) {
        return clients.session(endpoint(router));
    }

    public static RouterEndpoint endpoint(Router router) {
        return router.tls()
                ? RouterEndpoint.tls(router.host(), router.apiPort(), router.tlsFingerprintSha256(), router.username(),
                        router.password())
                : RouterEndpoint.plain(router.host(), router.apiPort(), router.username(), router.password());
    }

    /** The router described by a module call's server parameters (TestConnection's unsaved form, loaders). */
    public RouterSession session(WhmcsParams params, String pinnedSha256) {
        String host = params.serverHost();
        if (host.isEmpty()) {
            throw new io.routerbridge.errors.InvalidInputException(
                    "the WHMCS server has neither a hostname nor an IP address", "serverip");
        }
        boolean tls = params.serverSecure();
        int port = params.serverPort().orElse(tls ? Router.DEFAULT_API_TLS_PORT : Router.DEFAULT_API_PORT);
        return clients.session(tls
                ? RouterEndpoint.tls(host, port, pinnedSha256, params.serverUsername(), params.serverPassword())
                : RouterEndpoint.plain(host, port, params.serverUsername(), params.serverPassword()));
    }

    /** Runs the work holding the router's lock: one convergence at a time per router in this process. */
    public <T> T exclusively(int routerId, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(routerId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
