package io.routerbridge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.api.ApiKeys;
import io.routerbridge.api.OpenApiDocument;
import io.routerbridge.api.RestApi;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.db.Database;
import io.routerbridge.db.Migrations;
import io.routerbridge.db.ReadinessCheck;
import io.routerbridge.http.HealthEndpoints;
import io.routerbridge.http.HttpApp;
import io.routerbridge.routers.CredentialCipher;
import io.routerbridge.routers.RouterRegistry;
import io.routerbridge.routers.RouterRepository;
import io.routerbridge.ipam.AssignmentSearch;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamRemoval;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.exchange.IpamExchange;
import io.routerbridge.ipam.exchange.web.ExchangeRoutes;
import io.routerbridge.ipam.netbox.NetBoxIntegration;
import io.routerbridge.ipam.netbox.web.NetBoxRoutes;
import io.routerbridge.ipam.web.IpamRoutes;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.LogRoutes;
import io.routerbridge.ipam.alerts.DailyCron;
import io.routerbridge.ipam.alerts.HousekeepingSettings;
import io.routerbridge.ipam.alerts.HousekeepingSettingsRepository;
import io.routerbridge.ipam.alerts.UsageAlerts;
import io.routerbridge.ipam.alerts.UsageRoutes;
import io.routerbridge.ipam.cleaner.CleanerRoutes;
import io.routerbridge.ipam.cleaner.IpCleaner;
import io.routerbridge.ipam.orphans.AssignmentReleaser;
import io.routerbridge.ipam.orphans.HeldBlocks;
import io.routerbridge.ipam.orphans.OrphanRoutes;
import io.routerbridge.ipam.orphans.Orphans;
import io.routerbridge.ipam.sync.SyncRoutes;
import io.routerbridge.ipam.sync.WhmcsSync;
import io.routerbridge.jobs.JobRoutes;
import io.routerbridge.jobs.Jobs;
import io.routerbridge.ipam.configuration.ConfigurationRepository;
import io.routerbridge.ipam.integration.AfterCreatePush;
import io.routerbridge.ipam.integration.IpamIntegration;
import io.routerbridge.ipam.integration.mikrotik.AnnouncementRetrier;
import io.routerbridge.ipam.integration.mikrotik.MikroTikIntegration;
import io.routerbridge.ipam.integration.mikrotik.web.MikroTikRoutes;
import io.routerbridge.ipam.integration.Integrations;
import io.routerbridge.ipam.integration.PushRetrier;
import io.routerbridge.ipam.integration.PushRetryRepository;
import io.routerbridge.ipam.integration.web.PushRetryRoutes;
import io.routerbridge.ipam.assignments.AfterTerminateRelease;
import io.routerbridge.ipam.assignments.Assignments;
import io.routerbridge.ipam.integration.webhook.WebhookIntegration;
import io.routerbridge.ipam.integration.webhook.web.WebhookRoutes;
import io.routerbridge.ipam.configuration.Configurations;
import io.routerbridge.ipam.configuration.web.ConfigurationRoutes;
import io.routerbridge.jobs.FailedApplyRetrier;
import io.routerbridge.lifecycle.LifecycleHandlers;
import io.routerbridge.lifecycle.RouterAccess;
import io.routerbridge.lifecycle.RouterProbe;
import io.routerbridge.lifecycle.ServiceAddresses;
import io.routerbridge.lifecycle.ServiceLifecycle;
import io.routerbridge.lifecycle.ServiceRepository;
import io.routerbridge.lifecycle.WhmcsHosting;
import io.routerbridge.lifecycle.web.LifecycleRoutes;
import io.routerbridge.routeros.ClientOptions;
import io.routerbridge.routeros.RouterClients;
import io.routerbridge.whmcs.ModuleFunctions;
import io.routerbridge.whmcs.NonceRepository;
import io.routerbridge.whmcs.RequestSigner;
import io.routerbridge.whmcs.SignatureVerifier;
import io.routerbridge.whmcs.WhmcsDispatcher;
import io.routerbridge.whmcs.WhmcsEndpoints;
import io.routerbridge.whmcs.WhmcsHooks;
import io.routerbridge.whmcs.WhmcsParams;
import io.routerbridge.whmcs.client.ClientChannel;
import io.routerbridge.whmcs.client.ClientRoutes;
import io.routerbridge.whmcs.client.ClientServiceRepository;
import io.routerbridge.whmcs.client.ServiceOwnership;
import io.routerbridge.ipam.clientarea.ClientAreaSettings;
import io.routerbridge.ipam.clientarea.ClientAreaSettingsRoutes;
import io.routerbridge.ipam.clientarea.ClientIpRepository;
import io.routerbridge.ipam.clientarea.ClientIpRoutes;
import io.routerbridge.ipam.clientarea.ClientIps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component of the service once, by hand, with constructor
 * injection. Each capability adds its components here and registers its module functions / hooks.
 */
public final class Services implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Services.class);

    private final ServiceConfig config;
    private final HikariDataSource dataSource;
    private final boolean ownsDataSource;
    private final Clock clock;
    private final ObjectMapper json;
    private final DSLContext dsl;
    private final Migrations migrations;
    private final ReadinessCheck readiness;
    private final SignatureVerifier signatureVerifier;
    private final ModuleFunctions moduleFunctions = new ModuleFunctions();
    private final WhmcsHooks hooks = new WhmcsHooks();
    private final RouterRegistry routerRegistry;
    private final WhmcsDispatcher dispatcher;
    private final ScheduledExecutorService background;
    private final ApiKeys apiKeys;
    private final SubnetService subnetService;
    private final PoolService poolService;
    private final IpAllocator ipAllocator;
    private final Assignments assignments;
    private final NetBoxIntegration netBoxIntegration;
    private final WebhookIntegration webhookIntegration;
    private final MikroTikIntegration mikroTikIntegration;
    private final ActionLog actionLog;
    private final Jobs jobs;
    private final WhmcsSync whmcsSync;
    private final Orphans orphans;
    private final IpCleaner ipCleaner;
    private final HousekeepingSettings housekeepingSettings;
    private final UsageAlerts usageAlerts;
    private final Configurations configurations;
    private final RouterClients routerClients;
    private final ServiceLifecycle lifecycle;
    private final LifecycleHandlers lifecycleHandlers;
    private final FailedApplyRetrier retrier;
    private final ClientAreaSettings clientAreaSettings;
    private final ClientIps clientIps;
    private final PushRetrier pushRetrier;
    /** Nonce purge, failed-apply retrier, MikroTik announcement retrier, integration push retrier. */
    private static final int BACKGROUND_PASSES = 4;

    private Services(ServiceConfig config, HikariDataSource dataSource, boolean ownsDataSource, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.clock = clock;
        this.json = jsonMapper();
        this.dsl = Database.dsl(dataSource);
        this.migrations = new Migrations(dataSource);
        this.readiness = new ReadinessCheck(dataSource, migrations);
        this.signatureVerifier = new SignatureVerifier(new RequestSigner(config.sharedSecret()),
                new NonceRepository(dsl), clock);
        CredentialCipher cipher = new CredentialCipher(config.masterKeys());
        this.routerRegistry = new RouterRegistry(new RouterRepository(dsl), cipher, clock);
        this.dispatcher = new WhmcsDispatcher(json, moduleFunctions, hooks, this::rememberRouter);
        this.apiKeys = new ApiKeys(dsl, clock);
        this.subnetService = new SubnetService(dsl, clock);
        this.poolService = new PoolService(dsl, clock);
        this.ipAllocator = new IpAllocator(dsl, clock);
        this.netBoxIntegration = new NetBoxIntegration(dsl, cipher, clock);
        this.webhookIntegration = new WebhookIntegration(dsl, cipher, json, clock);
        this.routerClients = new RouterClients(ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(3))
                .withCommandTimeout(Duration.ofSeconds(15)));
        RouterAccess routerAccess = new RouterAccess(routerClients);
        this.mikroTikIntegration = new MikroTikIntegration(dsl, routerRegistry, routerAccess, clock);
        List<IpamIntegration> integrations = List.of(netBoxIntegration, webhookIntegration, mikroTikIntegration);
        this.actionLog = new ActionLog(dsl, clock);
        this.jobs = new Jobs(dsl, clock, json);
        this.whmcsSync = new WhmcsSync(dsl, clock, actionLog);
        HeldBlocks heldBlocks = new HeldBlocks(dsl);
        // Assignments and releases are pushed to NetBox, the webhook and MikroTik (each a no-op while not configured).
        PushRetryRepository pushRetries = new PushRetryRepository(dsl, json, clock);
        Integrations everyIntegration = new Integrations(integrations, pushRetries);
        this.pushRetrier = new PushRetrier(pushRetries, integrations, actionLog, clock);
        AssignmentReleaser releaser = new AssignmentReleaser(ipAllocator, heldBlocks, actionLog, everyIntegration);
        this.assignments = new Assignments(ipAllocator, new AssignmentSearch(dsl), heldBlocks, releaser, actionLog,
                everyIntegration);
        this.orphans = new Orphans(heldBlocks, releaser);
        this.clientAreaSettings = new ClientAreaSettings(dsl);
        this.clientIps = new ClientIps(new ClientIpRepository(dsl), heldBlocks, releaser, clientAreaSettings);
        this.ipCleaner = new IpCleaner(dsl, heldBlocks, releaser, actionLog, clock, json);
        this.housekeepingSettings = new HousekeepingSettings(new HousekeepingSettingsRepository(dsl));
        this.usageAlerts = new UsageAlerts(dsl, clock);
        DailyCron dailyCron = new DailyCron(housekeepingSettings, usageAlerts, ipCleaner);
        hooks.register(DailyCron.HOOK, dailyCron::handle);
        hooks.register(DailyCron.MAILED_HOOK, dailyCron::mailed);
        hooks.register(AfterCreatePush.HOOK, new AfterCreatePush(ipAllocator, everyIntegration)::handle);
        hooks.register(AfterTerminateRelease.HOOK, new AfterTerminateRelease(assignments)::handle);
        this.configurations = new Configurations(new ConfigurationRepository(dsl), poolService, subnetService, clock);
        WhmcsHosting hosting = new WhmcsHosting(dsl);
        this.lifecycle = new ServiceLifecycle(new ServiceRepository(dsl, cipher), routerRegistry, routerAccess,
                configurations, ipAllocator, assignments, subnetService, hosting, json, clock, mikroTikIntegration);
        this.lifecycleHandlers = new LifecycleHandlers(lifecycle, new ServiceAddresses(configurations, ipAllocator,
                hosting), new RouterProbe(routerAccess, routerRegistry));
        this.retrier = new FailedApplyRetrier(lifecycle, clock);
        // One thread per background pass, so a pass stuck on an unreachable router or endpoint delays no other.
        this.background = Executors.newScheduledThreadPool(BACKGROUND_PASSES, runnable -> {
            Thread thread = new Thread(runnable, "routerbridge-background");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** For {@code serve}: opens its own connection pool. */
    public static Services open(ServiceConfig config) {
        return new Services(config, Database.pool(config.database()), true, Clock.systemUTC());
    }

    /** Over an existing pool (tests); the caller keeps ownership of the pool. */
    public static Services using(ServiceConfig config, HikariDataSource dataSource, Clock clock) {
        return new Services(config, dataSource, false, clock);
    }

    public static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** NetBox as configured through /api/v1/netbox; an {@code IpamIntegration} for the assignment flow. */
    public NetBoxIntegration netBoxIntegration() {
        return netBoxIntegration;
    }

    /** The signed webhook as configured through /api/v1/integrations/webhook. */
    public WebhookIntegration webhookIntegration() {
        return webhookIntegration;
    }

    /** Failed pushes to NetBox and the webhook, retried in the background. */
    public PushRetrier pushRetrier() {
        return pushRetrier;
    }

    /** IPAM's MikroTik integration as configured through /api/v1/integrations/mikrotik. */
    public MikroTikIntegration mikroTikIntegration() {
        return mikroTikIntegration;
    }

    public HttpApp httpApp() {
        return new HttpApp(json, new HealthEndpoints(readiness),
                new WhmcsEndpoints(signatureVerifier, dispatcher, clientChannel()), restApi());
    }

    /** /whmcs/v1/client/{clientId}: each capability's client-area routes go into this list. */
    private ClientChannel clientChannel() {
        List<ClientRoutes> parts = List.of(new ClientIpRoutes(clientIps));
        return new ClientChannel(new ServiceOwnership(new ClientServiceRepository(dsl)), parts);
    }

    /** /api/v1: each capability's REST routes go into this list. */
    private RestApi restApi() {
        return new RestApi(apiKeys, OpenApiDocument.load(), List.of(
                // before IpamRoutes: its error translations must win over IPAM's catch-all
                new NetBoxRoutes(netBoxIntegration),
                new WebhookRoutes(webhookIntegration),
                new PushRetryRoutes(pushRetrier),
                new MikroTikRoutes(mikroTikIntegration),
                new IpamRoutes(subnetService, poolService, assignments, new AssignmentSearch(dsl),
                        new IpamRemoval(dsl)),
                new ExchangeRoutes(new IpamExchange(dsl, clock)),
                new SyncRoutes(whmcsSync, jobs),
                new JobRoutes(jobs),
                new OrphanRoutes(orphans),
                new CleanerRoutes(ipCleaner),
                new UsageRoutes(usageAlerts, housekeepingSettings),
                new ClientAreaSettingsRoutes(clientAreaSettings),
                new LogRoutes(actionLog),
                new ConfigurationRoutes(configurations),
                new LifecycleRoutes(lifecycle)));
    }

    /**
     * Every module call carries the router's current (decrypted) credentials; keep our encrypted copy
     * in step. TestConnection is skipped: its parameters come from the unsaved server form.
     */
    private void rememberRouter(String function, WhmcsParams params) {
        if ("TestConnection".equals(function) || params.serverId() <= 0 || params.serverHost().isEmpty()) {
            return;
        }
        int port = params.serverPort().orElse(0);
        routerRegistry.upsertFromWhmcs(params.serverId(), params.serverHost(), port, params.serverSecure(),
                params.serverUsername(), params.serverPassword());
    }

    /**
     * The lifecycle's module functions (CreateAccount, ...) and the PreModuleCreate hook. Separate from the
     * constructor so tests of the channel can register their own handlers under those names.
     */
    public Services registerLifecycleHandlers() {
        lifecycleHandlers.register(moduleFunctions, hooks);
        return this;
    }

    /** Periodic housekeeping: purging nonces that can no longer be replayed; retrying failed applies. */
    public void startBackgroundJobs() {
        background.scheduleWithFixedDelay(this::purgeNonces, 0, 60, TimeUnit.SECONDS);
        background.scheduleWithFixedDelay(retrier, 5, FailedApplyRetrier.INTERVAL.toSeconds(), TimeUnit.SECONDS);
        background.scheduleWithFixedDelay(new AnnouncementRetrier(mikroTikIntegration, clock), 5,
                AnnouncementRetrier.INTERVAL.toSeconds(), TimeUnit.SECONDS);
        background.scheduleWithFixedDelay(pushRetrier, 5, PushRetrier.INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    private void purgeNonces() {
        try {
            int purged = signatureVerifier.purgeExpiredNonces();
            if (purged > 0) {
                log.debug("purged {} expired request nonces", purged);
            }
        } catch (RuntimeException e) {
            log.warn("could not purge request nonces: {}", e.getClass().getSimpleName());
        }
    }

    public ServiceConfig config() {
        return config;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public DSLContext dsl() {
        return dsl;
    }

    public Clock clock() {
        return clock;
    }

    public ObjectMapper json() {
        return json;
    }

    public Migrations migrations() {
        return migrations;
    }

    public ModuleFunctions moduleFunctions() {
        return moduleFunctions;
    }

    public WhmcsHooks hooks() {
        return hooks;
    }

    public RouterRegistry routerRegistry() {
        return routerRegistry;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public SubnetService subnetService() {
        return subnetService;
    }

    public PoolService poolService() {
        return poolService;
    }

    public IpAllocator ipAllocator() {
        return ipAllocator;
    }

    /** Assigning and unassigning with integrations told and the action logged (REST, lifecycle, hooks). */
    public Assignments assignments() {
        return assignments;
    }

    public Configurations configurations() {
        return configurations;
    }

    public ServiceLifecycle lifecycle() {
        return lifecycle;
    }

    public ActionLog actionLog() {
        return actionLog;
    }

    public Jobs jobs() {
        return jobs;
    }

    public WhmcsSync whmcsSync() {
        return whmcsSync;
    }

    public Orphans orphans() {
        return orphans;
    }

    public IpCleaner ipCleaner() {
        return ipCleaner;
    }

    public HousekeepingSettings housekeepingSettings() {
        return housekeepingSettings;
    }

    public UsageAlerts usageAlerts() {
        return usageAlerts;
    }

    public SignatureVerifier signatureVerifier() {
        return signatureVerifier;
    }

    @Override
    public void close() {
        background.shutdownNow();
        jobs.close();
        routerClients.close();
        if (ownsDataSource) {
            dataSource.close();
        }
    }
}
