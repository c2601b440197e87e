package io.routerbridge.announcements;

import io.routerbridge.announcements.web.MikroTikRoutes;
import io.routerbridge.fleet.FleetModule;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.platform.BackgroundPass;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import java.time.Duration;
import java.util.List;

/**
 * IPAM's assignments announced on a router the operator chose (address lists, gateway addresses), converged by the
 * provisioning engine: an IPAM integration above IPAM and the RouterOS client.
 */
public final class AnnouncementsModule implements Module {
    private final MikroTikIntegration mikroTik;
    private final AnnouncementRetrier retrier;

    public AnnouncementsModule(Infrastructure infra, FleetModule fleet) {
        this.mikroTik = new MikroTikIntegration(new MikroTikSettingsRepository(infra.dsl()),
                new AnnouncementRepository(infra.dsl()), fleet.registry(), fleet.access(), infra.clock());
        this.retrier = new AnnouncementRetrier(mikroTik, infra.clock());
    }

    /** IPAM's integration (pushes of assignments and releases), and the lifecycle's other objects on a router. */
    public MikroTikIntegration mikroTik() {
        return mikroTik;
    }

    @Override
    public List<ApiRoutes> restRoutes() {
        return List.of(new MikroTikRoutes(mikroTik));
    }

    @Override
    public List<BackgroundPass> backgroundPasses() {
        return List.of(new BackgroundPass("announcement-retrier", Duration.ofSeconds(5), AnnouncementRetrier.INTERVAL,
                retrier));
    }
}
