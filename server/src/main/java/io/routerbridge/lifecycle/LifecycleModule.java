package io.routerbridge.lifecycle;

import io.routerbridge.fleet.FleetModule;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.lifecycle.web.LifecycleRoutes;
import io.routerbridge.platform.BackgroundPass;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import io.routerbridge.whmcs.ModuleFunctions;
import io.routerbridge.whmcs.WhmcsHooks;
import java.time.Duration;
import java.util.List;

/**
 * Subscribers: the WHMCS server module's services (PPPoE, static, VPN-NAT) provisioned on their router by the
 * convergence engine, with failed applies retried and whole-router reconcile. {@code alsoOnRouter}: the objects
 * other modules keep on routers, part of each router's desired state.
 */
public final class LifecycleModule implements Module {
    private final ServiceLifecycle lifecycle;
    private final LifecycleHandlers handlers;
    private final FailedApplyRetrier retrier;

    public LifecycleModule(Infrastructure infra, FleetModule fleet, IpamModule ipam, AlsoOnRouter alsoOnRouter) {
        this.lifecycle = new ServiceLifecycle(new ServiceRepository(infra.dsl(), infra.cipher()), fleet.registry(),
                fleet.access(), ipam.configurations(), ipam.allocator(), ipam.assignments(), ipam.subnets(),
                ipam.hosting(), infra.json(), infra.clock(), alsoOnRouter);
        this.handlers = new LifecycleHandlers(lifecycle, new RouterProbe(fleet.access(), fleet.registry()));
        this.retrier = new FailedApplyRetrier(lifecycle, infra.clock());
    }

    public ServiceLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public List<ApiRoutes> restRoutes() {
        return List.of(new LifecycleRoutes(lifecycle));
    }

    @Override
    public void registerWhmcsHandlers(ModuleFunctions functions, WhmcsHooks hooks) {
        handlers.register(functions);
    }

    @Override
    public List<BackgroundPass> backgroundPasses() {
        return List.of(new BackgroundPass("failed-apply-retrier", Duration.ofSeconds(5), FailedApplyRetrier.INTERVAL,
                retrier));
    }
}
