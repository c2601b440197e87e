package io.routerbridge.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.errors.NotFoundException;
import io.routerbridge.errors.UnavailableException;
import io.routerbridge.fleet.Router;
import io.routerbridge.fleet.RouterAccess;
import io.routerbridge.fleet.RouterRegistry;
import io.routerbridge.fleet.RouterSessionPort;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolExhaustedException;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.assignments.Assignments;
import io.routerbridge.ipam.assignments.WhmcsHostingRepository;
import io.routerbridge.ipam.configuration.Configurations;
import io.routerbridge.provisioning.ApplyResult;
import io.routerbridge.provisioning.Converger;
import io.routerbridge.provisioning.DesiredState;
import io.routerbridge.provisioning.Plan;
import io.routerbridge.provisioning.PlanApplier;
import io.routerbridge.provisioning.PppoeSubscriber;
import io.routerbridge.provisioning.ServiceSpec;
import io.routerbridge.provisioning.ServiceStatus;
import io.routerbridge.provisioning.StateReader;
import io.routerbridge.provisioning.StaticSubscriber;
import io.routerbridge.provisioning.VpnNatTenant;
import io.routerbridge.routeros.RouterOsException;
import io.routerbridge.whmcs.WhmcsParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of provisioned services (SPEC §2, §6.B): every call records the desired state first, then converges
 * the router for that service (one pipelined read, one pipelined write) and answers success only when the router
 * confirmed every change. A router that cannot be reached leaves the intent recorded with a retry time; {@link
 * #retryDue} (the background retrier) and {@link #reconcile} converge it later through the same code path.
 */
public final class ServiceLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(10);
    /** Who releases a terminated service's addresses: the termination's convergence, whoever started it. */
    public static final Actor LIFECYCLE = new Actor(Actor.ActorType.SYSTEM, "lifecycle");

    private final ServiceRepository services;
    private final RouterRegistry routers;
    private final RouterAccess access;
    private final Configurations configurations;
    private final IpAllocator allocator;
    private final Assignments assignments;
    private final SubnetService subnets;
    private final WhmcsHostingRepository hosting;
    private final ObjectMapper json;
    private final Clock clock;
    private final AlsoOnRouter alsoOnRouter;

    public ServiceLifecycle(ServiceRepository services, RouterRegistry routers, RouterAccess access,
                            Configurations configurations, IpAllocator allocator, Assignments assignments,
                            SubnetService subnets, WhmcsHostingRepository hosting, ObjectMapper json, Clock clock,
                            AlsoOnRouter alsoOnRouter) {
        this.services = services;
        this.routers = routers;
        this.access = access;
        this.configurations = configurations;
        this.allocator = allocator;
        this.assignments = assignments;
        this.subnets = subnets;
        this.hosting = hosting;
        this.json = json;
        this.clock = clock;
        this.alsoOnRouter = alsoOnRouter;
    }

    /**
     * CreateAccount. vpn-nat: public IP and private prefix from the related pools. pppoe: a PPP secret from the
     * service's username and password (remote address from a related address pool, if any). static: a queue for the
     * address assigned from the related address pool. Then desired state active and converge.
     */
    public ServiceRecord create(WhmcsParams params) {
        long serviceId = params.serviceId();
        ProductParameters product = ProductParameters.from(params);
        Router router = routerOf(params);
        List<Pool> pools = configurations.poolsFor(
                hosting.composition(serviceId, params.productId(), params.serverId()));
        Instant now = clock.instant();
        switch (product.mode()) {
            case VPN_NAT -> {
                Pool addressPool = firstOfKind(pools, PoolKind.ADDRESS, params.productId(),
                        "address pool (public IPs)");
                Pool prefixPool = firstOfKind(pools, PoolKind.PREFIX, params.productId(),
                        "prefix pool (private tenant subnets)");
                List<Assignment> held = allocate(serviceId, IpAllocator.Wanted.block(addressPool.id()),
                        IpAllocator.Wanted.block(prefixPool.id(), product.privatePrefixLength()));
                Assignment publicIp = held.get(0);
                Assignment prefix = held.get(1);
                String supernet = subnets.get(prefixPool.subnetId()).cidr();
                services.saveDesired(serviceId, router.id(), product.mode(), ServiceStatus.ACTIVE, publicIp.address(),
                        prefix.address(), supernet, product.wanInterface(), snapshot(product), now);
            }
            case PPPOE -> {
                String username = pppUsername(params);
                String password = InputLimits.password(params.requiredString("password"), "password");
                String address = pools.stream().filter(pool -> pool.kind() == PoolKind.ADDRESS).findFirst()
                        .map(pool -> allocate(serviceId, IpAllocator.Wanted.block(pool.id())).get(0).address())
                        .orElse(null);
                services.saveDesired(serviceId, router.id(), product.mode(), ServiceStatus.ACTIVE, address, null, null,
                        product.wanInterface(), snapshot(product), now);
                services.savePppCredentials(serviceId, username, password, now);
            }
            case STATIC -> {
                if (product.rateLimit() == null) {
                    throw new InvalidInputException("configoption3 (Rate Limit) is required in static mode, "
                            + "e.g. 10M/50M", "configoption3");
                }
                Pool addressPool = firstOfKind(pools, PoolKind.ADDRESS, params.productId(), "address pool");
                services.saveDesired(serviceId, router.id(), product.mode(), ServiceStatus.ACTIVE,
                        allocate(serviceId, IpAllocator.Wanted.block(addressPool.id())).get(0).address(), null, null,
                        product.wanInterface(),
                        snapshot(product), now);
            }
        }
        ServiceRecord record = require(serviceId);
        if (record.publicIp() != null) {
            hosting.writeIps(serviceId, record.publicIp(), otherAddresses(serviceId, record.publicIp()));
        }
        return apply(serviceId);
    }

    /**
     * ChangePassword: pppoe services get the new password on their PPP secret; other modes have no secret of the
     * service's own, so there is nothing to do (false).
     */
    public boolean changePassword(WhmcsParams params) {
        ServiceRecord record = requireLive(params.serviceId());
        if (record.mode() != Mode.PPPOE) {
            return false;
        }
        String password = InputLimits.password(params.requiredString("password"), "password");
        services.savePppCredentials(record.serviceId(), record.pppUsername(), password, clock.instant());
        apply(record.serviceId());
        return true;
    }

    public ServiceRecord suspend(long serviceId) {
        return changeStatus(serviceId, ServiceStatus.SUSPENDED);
    }

    public ServiceRecord unsuspend(long serviceId) {
        return changeStatus(serviceId, ServiceStatus.ACTIVE);
    }

    /**
     * TerminateAccount: removes every object of the tenant, then releases its addresses and clears tblhosting. A
     * service we never provisioned still gets its addresses released.
     */
    public void terminate(long serviceId) {
        ServiceRecord record = services.find(serviceId).orElse(null);
        if (record == null || (record.desiredStatus() == ServiceStatus.TERMINATED
                && record.lastOutcome() == ApplyOutcome.APPLIED)) {
            releaseAddresses(serviceId);
            return;
        }
        services.setDesiredStatus(serviceId, ServiceStatus.TERMINATED, clock.instant());
        apply(serviceId);
    }

    /** ChangePackage: the product's parameters are read again and the router converged to them. */
    public ServiceRecord changePackage(WhmcsParams params) {
        long serviceId = params.serviceId();
        ProductParameters product = ProductParameters.from(params);
        ServiceRecord record = requireLive(serviceId);
        if (product.mode() != record.mode()) {
            throw new ConflictException("service " + serviceId + " is a " + record.mode().word()
                    + " service and the new package is " + product.mode().word() + "; a package of another mode "
                    + "needs other addresses and objects: terminate the service and create it on the new package",
                    "configoption1");
        }
        if (product.mode() == Mode.STATIC && product.rateLimit() == null) {
            throw new InvalidInputException("configoption3 (Rate Limit) is required in static mode, e.g. 10M/50M",
                    "configoption3");
        }
        Router router = routerOf(params);
        if (router.id() != record.routerId()) {
            throw new ConflictException("service " + serviceId + " lives on router " + record.routerId()
                    + "; moving it to another server is not supported: terminate it and create it there", "serverid");
        }
        services.saveDesired(serviceId, router.id(), product.mode(), record.desiredStatus(), record.publicIp(),
                record.privatePrefix(), record.tenantSupernet(), product.wanInterface(), snapshot(product),
                clock.instant());
        return apply(serviceId);
    }

    /** Adds a VPN user to a tenant (with the next free address of its prefix) and converges. */
    public VpnUserRecord addVpnUser(long serviceId, String name, String password) {
        ServiceRecord record = require(serviceId);
        if (record.mode() != Mode.VPN_NAT || record.desiredStatus() == ServiceStatus.TERMINATED) {
            throw new ConflictException("service " + serviceId + " is not a live vpn-nat tenant");
        }
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new InvalidInputException("name must be 1-64 letters, digits, '.', '_', '@' or '-'", "name");
        }
        if (password == null || password.length() < 8 || password.length() > 64) {
            throw new InvalidInputException("password must be 8 to 64 characters", "password");
        }
        ProductParameters product = parameters(record);
        List<VpnUserRecord> existing = services.vpnUsers(serviceId);
        if (existing.size() >= product.maxVpnUsers()) {
            throw new ConflictException("service " + serviceId + " already has its " + product.maxVpnUsers()
                    + " VPN users", "name");
        }
        if (services.vpnUserNameTaken(record.routerId(), name)) {
            throw new ConflictException("VPN user name " + name + " is taken on this router", "name");
        }
        VpnUserRecord added = services.insertVpnUser(serviceId, record.routerId(), name, password,
                TenantAddresses.nextFree(record.privatePrefix(),
                        existing.stream().map(VpnUserRecord::remoteAddress).toList()),
                clock.instant());
        apply(serviceId);
        return added;
    }

    public List<VpnUserRecord> vpnUsers(long serviceId) {
        require(serviceId);
        return services.vpnUsers(serviceId);
    }

    /** What converging this service would send to its router now (one read, nothing written; passwords masked). */
    public List<String> plan(long serviceId) {
        ServiceRecord record = require(serviceId);
        if (record.desiredStatus() == ServiceStatus.TERMINATED && record.lastOutcome() == ApplyOutcome.APPLIED) {
            return List.of();
        }
        Router router = routers.find(record.routerId())
                .orElseThrow(() -> new NotFoundException("router " + record.routerId() + " does not exist"));
        try {
            return PlanApplier.explain(new Converger(new RouterSessionPort(access.session(router)))
                    .preview(DesiredState.ofServices(List.of(spec(record)))));
        } catch (RouterOsException | StateReader.RouterReadException e) {
            throw new UnavailableException(unreachable(router, e));
        }
    }

    /** Converges the router for one service from its recorded desired state; the outcome is recorded. */
    public ServiceRecord apply(long serviceId) {
        ServiceRecord record = require(serviceId);
        Router router = routers.find(record.routerId())
                .orElseThrow(() -> new NotFoundException("router " + record.routerId() + " does not exist"));
        ServiceSpec spec = spec(record);
        String failure = access.exclusively(router.id(), () -> converge(router, DesiredState.ofServices(List.of(spec))));
        if (failure != null) {
            Instant now = clock.instant();
            services.recordFailed(serviceId, failure, now.plus(backoff(record.attempts())), now);
            log.warn("service {}: {} (will retry)", serviceId, failure);
            throw new UnavailableException(failure + "; the change is recorded and will be applied when the router "
                    + "is back");
        }
        services.recordApplied(serviceId, clock.instant());
        if (record.desiredStatus() == ServiceStatus.TERMINATED) {
            releaseAddresses(serviceId);
            services.forgetTenantObjects(serviceId, clock.instant());
        }
        return require(serviceId);
    }

    /** The background retrier's pass: services whose last apply failed and whose retry time has come. */
    public int retryDue(Instant now) {
        int converged = 0;
        for (long serviceId : services.dueForRetry(now, 100)) {
            try {
                apply(serviceId);
                converged++;
            } catch (RuntimeException e) {
                log.debug("retry of service {} failed: {}", serviceId, e.getMessage());
            }
        }
        return converged;
    }

    /**
     * Converges a whole router to every service recorded on it (our objects of unknown services are removed), or
     * with {@code dryRun} only returns the plan. Returns the plan's lines (passwords masked).
     */
    public List<String> reconcile(int routerId, boolean dryRun) {
        Router router = routers.find(routerId)
                .orElseThrow(() -> new NotFoundException("router " + routerId + " does not exist"));
        Converger converger = new Converger(new RouterSessionPort(access.session(router)));
        return access.exclusively(routerId, () -> {
            // Read under the lock: a change converged just before must not be undone by an older desired state.
            List<ServiceRecord> records = services.unfinishedOnRouter(routerId);
            DesiredState desired = wholeRouter(routerId, records);
            try {
                if (dryRun) {
                    return PlanApplier.explain(converger.preview(desired));
                }
                ApplyResult result = converger.apply(desired);
                if (!result.converged()) {
                    throw new ConflictException("router " + RouterAccess.endpoint(router).address()
                            + " refused: " + describe(result));
                }
                services.recordAppliedAll(records.stream().map(ServiceRecord::serviceId).toList(), clock.instant());
                for (ServiceRecord record : records) {
                    if (record.desiredStatus() == ServiceStatus.TERMINATED) {
                        releaseAddresses(record.serviceId());
                        services.forgetTenantObjects(record.serviceId(), clock.instant());
                    }
                }
                return PlanApplier.explain(result.plan());
            } catch (RouterOsException | StateReader.RouterReadException e) {
                throw new UnavailableException(unreachable(router, e));
            }
        });
    }

    /** Everything that belongs on the router: its services and what other capabilities keep there. */
    public DesiredState wholeRouter(int routerId) {
        return wholeRouter(routerId, services.unfinishedOnRouter(routerId));
    }

    private DesiredState wholeRouter(int routerId, List<ServiceRecord> records) {
        List<ServiceSpec> specs = new ArrayList<>(records.stream().map(this::spec).toList());
        specs.addAll(alsoOnRouter.specsOn(routerId));
        return DesiredState.wholeRouter(specs);
    }

    public ServiceRecord require(long serviceId) {
        return services.find(serviceId).orElseThrow(() -> new NotFoundException(
                "service " + serviceId + " is not provisioned by routerbridge"));
    }

    public ProductParameters parameters(ServiceRecord record) {
        try {
            return json.readValue(record.parameters(), ProductParameters.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters of service " + record.serviceId() + " are unreadable", e);
        }
    }

    /** The service's desired objects, computed from its record (and, for vpn-nat, its VPN users and port forwards). */
    ServiceSpec spec(ServiceRecord record) {
        try {
            return specOf(record);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("service " + record.serviceId() + " cannot be provisioned: "
                    + e.getMessage());
        }
    }

    private ServiceSpec specOf(ServiceRecord record) {
        ProductParameters product = parameters(record);
        String id = Long.toString(record.serviceId());
        return switch (record.mode()) {
            case VPN_NAT -> {
                List<VpnNatTenant.VpnUser> users = new ArrayList<>();
                for (VpnUserRecord user : services.vpnUsers(record.serviceId())) {
                    users.add(new VpnNatTenant.VpnUser(user.name(), user.password(), product.pppService(),
                            product.pppProfile(), product.rateLimit(), user.disabled(), user.remoteAddress()));
                }
                yield new VpnNatTenant(id, record.publicIp(), record.wanInterface(), record.privatePrefix(),
                        record.tenantSupernet(), record.desiredStatus(), users,
                        services.portForwards(record.serviceId()));
            }
            case PPPOE -> new PppoeSubscriber(id, record.pppUsername(), pppPassword(record), product.pppProfile(),
                    product.disconnectProfile(), record.publicIp(), record.desiredStatus());
            case STATIC -> new StaticSubscriber(id, record.publicIp(), product.rateLimit(), record.desiredStatus());
        };
    }

    /** A terminated subscriber needs no password (nothing of it stays on the router). */
    private static String pppPassword(ServiceRecord record) {
        if (record.pppPassword() != null) {
            return record.pppPassword();
        }
        if (record.desiredStatus() == ServiceStatus.TERMINATED) {
            return "";
        }
        throw new ConflictException("the stored PPP password of service " + record.serviceId() + " cannot be read "
                + "(cut by the database before limits were checked, or its master key is gone); set a new one with "
                + "Change Password in WHMCS and the service converges again", "password");
    }

    /** Null when the router confirmed everything (and, after a teardown, holds no session of the service). */
    private String converge(Router router, DesiredState desired) {
        try {
            Converger converger = new Converger(new RouterSessionPort(access.session(router)));
            ApplyResult result = converger.apply(desired);
            if (!result.converged()) {
                return "router " + RouterAccess.endpoint(router).address() + " refused: " + describe(result);
            }
            if (!desired.teardowns().isEmpty() && !result.plan().actions().isEmpty()) {
                Plan after = converger.preview(desired);
                if (!after.isEmpty()) {
                    return "router " + RouterAccess.endpoint(router).address()
                            + " still holds sessions or objects of the service after the change: "
                            + String.join("; ", PlanApplier.explain(after));
                }
            }
            return null;
        } catch (RouterOsException | StateReader.RouterReadException e) {
            return unreachable(router, e);
        }
    }

    private static String unreachable(Router router, RuntimeException e) {
        return "router " + RouterAccess.endpoint(router).address() + " unreachable: " + e.getMessage();
    }

    private static String describe(ApplyResult result) {
        List<String> problems = new ArrayList<>();
        result.failures().forEach(f -> problems.add(PlanApplier.explain(f.sentence()) + ": " + f.message()));
        result.plan().conflicts().forEach(c -> problems.add(c.desired().menu().path() + " " + c.desired().marker()
                + " is blocked by an object we do not own (" + c.blocking().id() + ")"));
        return problems.stream().collect(Collectors.joining("; "));
    }

    private ServiceRecord changeStatus(long serviceId, ServiceStatus status) {
        requireLive(serviceId);
        services.setDesiredStatus(serviceId, status, clock.instant());
        return apply(serviceId);
    }

    private ServiceRecord requireLive(long serviceId) {
        ServiceRecord record = require(serviceId);
        if (record.desiredStatus() == ServiceStatus.TERMINATED) {
            throw new ConflictException("service " + serviceId + " is terminated");
        }
        return record;
    }

    private static String pppUsername(WhmcsParams params) {
        return InputLimits.name(params.requiredString("username"), "username", "PPPoE user name",
                InputLimits.PPP_NAME_CHARS);
    }

    /** Through IPAM's release path, so integrations hear of it (removeIp) and the action log records it. */
    private void releaseAddresses(long serviceId) {
        assignments.releaseAllOf(serviceId, LIFECYCLE, "TerminateAccount: service terminated").stream()
                .filter(result -> !result.integrationErrors().isEmpty())
                .forEach(result -> log.warn("service {}: {} released, but not every integration was told: {}",
                        serviceId, result.address(), result.detail()));
        hosting.clearIps(serviceId);
    }

    private Router routerOf(WhmcsParams params) {
        if (params.serverId() <= 0) {
            throw new InvalidInputException("the service has no server (router) assigned", "serverid");
        }
        return routers.upsertFromWhmcs(params.serverId(), params.serverHost(), params.serverPort().orElse(0),
                params.serverSecure(), params.serverUsername(), params.serverPassword());
    }

    private static Pool firstOfKind(List<Pool> pools, PoolKind kind, long productId, String what) {
        return pools.stream().filter(pool -> pool.kind() == kind).findFirst()
                .orElseThrow(() -> new InvalidInputException("product " + productId + " has no " + what
                        + " related to it; relate one under /api/v1/configurations", "pid"));
    }

    /** What the service holds or now gets in each pool; what it already holds is read without locking a pool. */
    private List<Assignment> allocate(long serviceId, IpAllocator.Wanted... wanted) {
        try {
            return allocator.allocateAll(serviceId, List.of(wanted));
        } catch (PoolExhaustedException e) {
            throw new ConflictException(e.getMessage() + " for service " + serviceId, "poolId");
        }
    }

    private List<String> otherAddresses(long serviceId, String dedicated) {
        return allocator.assignmentsOf(serviceId).stream()
                .filter(Assignment::isSingleAddress)
                .map(Assignment::address)
                .filter(address -> !address.equals(dedicated))
                .toList();
    }

    private String snapshot(ProductParameters product) {
        try {
            return json.writeValueAsString(product);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Duration backoff(int attempts) {
        long seconds = FIRST_RETRY.getSeconds() << Math.min(attempts, 10);
        return Duration.ofSeconds(Math.min(seconds, MAX_RETRY.getSeconds()));
    }
}
