package io.routerbridge.fleet;

import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import io.routerbridge.routeros.ClientOptions;
import io.routerbridge.routeros.RouterClients;
import io.routerbridge.whmcs.ModuleCallListener;
import java.time.Duration;
import java.util.List;

/**
 * Our routers: the registry of the WHMCS servers we serve (learnt from every module call) and access to them over
 * the shared RouterOS client, one convergence at a time per router.
 */
public final class FleetModule implements Module {
    private final RouterRegistry registry;
    private final RouterClients clients;
    private final RouterAccess access;

    public FleetModule(Infrastructure infra) {
        this.registry = new RouterRegistry(new RouterRepository(infra.dsl()), infra.cipher(), infra.clock());
        this.clients = new RouterClients(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(3))
                .withCommandTimeout(Duration.ofSeconds(15)));
        this.access = new RouterAccess(clients);
    }

    public RouterRegistry registry() {
        return registry;
    }

    public RouterAccess access() {
        return access;
    }

    @Override
    public List<ModuleCallListener> moduleCallListeners() {
        return List.of(new RememberRouter(registry));
    }

    @Override
    public void close() {
        clients.close();
    }
}
