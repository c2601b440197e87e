package io.routerbridge.announcements;

import io.routerbridge.fleet.Router;
import io.routerbridge.fleet.RouterAccess;
import io.routerbridge.fleet.RouterRegistry;
import io.routerbridge.fleet.RouterSessionPort;
import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.integration.IntegrationException;
import io.routerbridge.ipam.integration.IpamIntegration;
import io.routerbridge.lifecycle.AlsoOnRouter;
import io.routerbridge.provisioning.AnnouncedAddresses;
import io.routerbridge.provisioning.ApplyResult;
import io.routerbridge.provisioning.Converger;
import io.routerbridge.provisioning.DesiredState;
import io.routerbridge.provisioning.PlanApplier;
import io.routerbridge.provisioning.ServiceSpec;
import io.routerbridge.provisioning.StateReader;
import io.routerbridge.routeros.Reply;
import io.routerbridge.routeros.RouterLoginException;
import io.routerbridge.routeros.RouterOsException;
import io.routerbridge.routeros.RouterSession;
import io.routerbridge.routeros.Sentence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes IPAM's assignments known on a routerbridge router the operator chose: each address or block goes into an
 * address list, and a routed block optionally gets its gateway address on an interface. For services of other
 * modules only: services of routerbridge products are provisioned by the lifecycle and skipped here.
 *
 * <p>Each call records the desired state first (the announcement rows), then converges the router for that service
 * through the provisioning engine under the router's lock, so repeated calls change nothing and a router that is
 * down leaves the intent recorded for the next reconcile of that router. As {@link AlsoOnRouter} it hands the
 * recorded announcements to the whole-router desired state. Does nothing while not configured or disabled (a
 * release still takes away what was announced before, so nothing is left behind).
 */
public final class MikroTikIntegration implements IpamIntegration, AlsoOnRouter {
    /** tblproducts.servertype of routerbridge's own products. */
    public static final String OWN_MODULE = "routerbridge";
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(MikroTikIntegration.class);

    private final MikroTikSettingsRepository settings;
    private final AnnouncementRepository announcements;
    private final RouterRegistry routers;
    private final RouterAccess access;
    private final Clock clock;

    public MikroTikIntegration(MikroTikSettingsRepository settings, AnnouncementRepository announcements,
                               RouterRegistry routers, RouterAccess access, Clock clock) {
        this.settings = settings;
        this.announcements = announcements;
        this.routers = routers;
        this.access = access;
        this.clock = clock;
    }

    /** Stores the settings; the router must be one routerbridge knows (it learns a router at its first module call). */
    public MikroTikSettings configure(MikroTikSettings newSettings) {
        routerOf(newSettings.whmcsServerId()).orElseThrow(() -> new IpamValidationException("router",
                "router " + newSettings.whmcsServerId() + " is not a router routerbridge knows: give the id of a WHMCS "
                        + "server of type routerbridge that has served at least one module call"));
        settings.save(newSettings, clock.instant());
        return newSettings;
    }

    public Optional<MikroTikSettings> settings() {
        return settings.load();
    }

    /** The router the settings name, if routerbridge knows it. */
    public Optional<Router> routerOf(int whmcsServerId) {
        return routers.findByWhmcsServer(whmcsServerId);
    }

    /** Logs in to the configured router and checks the gateway interface exists (reads only). */
    public ConnectionCheck test() {
        MikroTikSettings current = settings.load().orElseThrow(() -> new IntegrationException(name(),
                "the MikroTik integration is not configured"));
        Router router = configuredRouter(current);
        try {
            RouterSession session = access.session(router);
            List<Reply> replies = session.executeAll(List.of(Sentence.of("/system/identity/print"),
                    Sentence.of("/interface/print").proplist("name")));
            String identity = replies.get(0).firstRow().map(row -> row.get("name")).orElse("");
            Boolean interfaceFound = current.gateway().map(name -> replies.get(1).rows().stream()
                    .anyMatch(row -> name.equals(row.get("name")))).orElse(null);
            return new ConnectionCheck(router.id(), RouterAccess.endpoint(router).address(), identity, interfaceFound);
        } catch (RouterOsException e) {
            throw new IntegrationException(name(), unreachable(router, e));
        }
    }

    /** What {@link #test()} found: the router reached, its identity, and whether the gateway interface exists. */
    public record ConnectionCheck(int routerId, String address, String identity, Boolean interfaceFound) {
    }

    @Override
    public String name() {
        return "mikrotik";
    }

    @Override
    public boolean retriesItself() {
        return true;
    }

    @Override
    public boolean addIp(Assignment assignment) {
        MikroTikSettings current = settings.load().filter(MikroTikSettings::enabled).orElse(null);
        if (current == null || ownProduct(assignment.serviceId())) {
            return false;
        }
        if (assignment.family() != AddressFamily.IPV4) {
            throw new IntegrationException(name(), assignment.address() + " of service " + assignment.serviceId()
                    + " is IPv6; the MikroTik integration announces IPv4 addresses and blocks only");
        }
        Router router = configuredRouter(current);
        AnnouncementRepository.Replaced replaced = announcements.record(router.id(), assignment.serviceId(),
                assignment.address(), current.addressList(), current.gatewayInterface(), clock.instant());
        Set<Long> services = new TreeSet<>(List.of(assignment.serviceId()));
        replaced.displaced().forEach(stale -> services.add(stale.serviceId()));
        Optional<Router> previousRouter = replaced.previous().filter(before -> before.routerId() != router.id())
                .flatMap(before -> routers.find(before.routerId()));
        try {
            converge(router, services);
        } finally {
            // Taken away from the router it was on before, even when the new router failed (each is retried alone).
            previousRouter.ifPresent(before -> converge(before, Set.of(assignment.serviceId())));
        }
        return true;
    }

    @Override
    public boolean removeIp(Assignment assignment) {
        Optional<Router> router = announcements.forget(assignment.serviceId(), assignment.address())
                .flatMap(removed -> routers.find(removed.routerId()));
        router.ifPresent(announcedOn -> converge(announcedOn, Set.of(assignment.serviceId())));
        return router.isPresent();
    }

    /** The recorded announcements on the router, one spec per service; of clashing records the newest wins. */
    @Override
    public List<ServiceSpec> specsOn(int routerId) {
        Map<Long, List<AnnouncedAddresses.Entry>> byService = new LinkedHashMap<>();
        Set<String> listed = new HashSet<>();
        Set<String> gateways = new HashSet<>();
        for (Announcement announcement : announcements.onRouter(routerId)) {
            AnnouncedAddresses.Entry entry = announcement.entry();
            if (!listed.add(entry.addressList() + " " + entry.address())) {
                continue;
            }
            boolean gatewayFree = entry.gatewayInterface() == null
                    || entry.gateway().map(gateways::add).orElse(true);
            byService.computeIfAbsent(announcement.serviceId(), id -> new ArrayList<>())
                    .add(gatewayFree ? entry : new AnnouncedAddresses.Entry(entry.address(), entry.addressList(), null));
        }
        List<ServiceSpec> specs = new ArrayList<>();
        byService.forEach((serviceId, entries) -> specs.add(AnnouncedAddresses.of(serviceId, entries)));
        return specs;
    }

    private boolean ownProduct(long serviceId) {
        return announcements.productModuleOf(serviceId).map(module -> module.trim().equalsIgnoreCase(OWN_MODULE))
                .orElse(false);
    }

    private Router configuredRouter(MikroTikSettings current) {
        return routerOf(current.whmcsServerId()).orElseThrow(() -> new IntegrationException(name(),
                "router " + current.whmcsServerId() + " (WHMCS server) is no longer known to routerbridge"));
    }

    /**
     * Converges the router for these services' recorded announcements there (read under the lock, so the last run
     * sees every committed record); throws when the router did not do it.
     */
    private void converge(Router router, Set<Long> serviceIds) {
        String failure = access.exclusively(router.id(), () -> {
            List<ServiceSpec> specs = new ArrayList<>();
            for (long serviceId : serviceIds) {
                specs.add(AnnouncedAddresses.of(serviceId, announcements.ofServiceOnRouter(serviceId, router.id())
                        .stream().map(Announcement::entry).toList()));
            }
            DesiredState desired = DesiredState.ofServices(specs);
            try {
                ApplyResult result = new Converger(new RouterSessionPort(access.session(router))).apply(desired);
                return result.converged() ? null : refused(router, result);
            } catch (RouterOsException | StateReader.RouterReadException e) {
                return unreachable(router, e);
            }
        });
        Instant now = clock.instant();
        for (long serviceId : serviceIds) {
            if (failure == null) {
                announcements.clearPending(router.id(), serviceId);
            } else {
                announcements.markPending(router.id(), serviceId, failure, now, FIRST_RETRY, MAX_RETRY);
            }
        }
        if (failure != null) {
            throw new IntegrationException(name(), failure + "; recorded, it is retried in the background (or run "
                    + "a reconcile of router " + router.id() + ")");
        }
    }

    /**
     * The background pass: converges the routers that did not take a service's announcements earlier, once their
     * retry time has come. Returns how many converged now.
     */
    public int retryDue(Instant now) {
        int converged = 0;
        for (long[] due : announcements.duePending(now, 100)) {
            int routerId = (int) due[0];
            long serviceId = due[1];
            Optional<Router> router = routers.find(routerId);
            if (router.isEmpty()) {
                announcements.clearPending(routerId, serviceId);
                continue;
            }
            try {
                converge(router.get(), Set.of(serviceId));
                converged++;
            } catch (IntegrationException e) {
                log.debug("mikrotik retry for service {} on router {} failed: {}", serviceId, routerId, e.getMessage());
            }
        }
        return converged;
    }

    private static String describe(Router router) {
        return "router " + router.id() + " (" + RouterAccess.endpoint(router).address() + ")";
    }

    private static String unreachable(Router router, RuntimeException e) {
        return describe(router) + (e instanceof RouterLoginException ? " refused routerbridge's login: "
                : " is unreachable: ") + e.getMessage();
    }

    private static String refused(Router router, ApplyResult result) {
        List<String> problems = new ArrayList<>();
        result.failures().forEach(f -> problems.add(PlanApplier.explain(f.sentence()) + ": " + f.message()));
        result.plan().conflicts().forEach(c -> problems.add(c.desired().menu().path() + " "
                + c.desired().attributes() + " is already held by " + c.blocking().id() + " ("
                + c.blocking().marker().map(marker -> "routerbridge's " + marker)
                        .orElse("an entry routerbridge does not own, left alone") + ")"));
        return describe(router) + " refused: " + String.join("; ", problems);
    }
}
