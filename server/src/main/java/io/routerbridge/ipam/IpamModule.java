package io.routerbridge.ipam;

import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.ActionLogRepository;
import io.routerbridge.ipam.actionlog.LogRoutes;
import io.routerbridge.ipam.alerts.HousekeepingSettings;
import io.routerbridge.ipam.alerts.HousekeepingSettingsRepository;
import io.routerbridge.ipam.alerts.UsageAlertRepository;
import io.routerbridge.ipam.alerts.UsageAlerts;
import io.routerbridge.ipam.alerts.UsageRoutes;
import io.routerbridge.ipam.assignments.Assignments;
import io.routerbridge.ipam.assignments.ServiceAddresses;
import io.routerbridge.ipam.assignments.WhmcsHostingRepository;
import io.routerbridge.ipam.cleaner.CleanerRoutes;
import io.routerbridge.ipam.cleaner.CleanerRunRepository;
import io.routerbridge.ipam.cleaner.IpCleaner;
import io.routerbridge.ipam.clientarea.ClientAreaSettings;
import io.routerbridge.ipam.clientarea.ClientAreaSettingsRepository;
import io.routerbridge.ipam.clientarea.ClientAreaSettingsRoutes;
import io.routerbridge.ipam.clientarea.ClientIpRepository;
import io.routerbridge.ipam.clientarea.ClientIpRoutes;
import io.routerbridge.ipam.clientarea.ClientIps;
import io.routerbridge.ipam.configuration.ConfigurationRepository;
import io.routerbridge.ipam.configuration.Configurations;
import io.routerbridge.ipam.configuration.web.ConfigurationRoutes;
import io.routerbridge.ipam.exchange.IpamExchange;
import io.routerbridge.ipam.exchange.IpamExchangeRepository;
import io.routerbridge.ipam.exchange.web.ExchangeRoutes;
import io.routerbridge.ipam.integration.Integrations;
import io.routerbridge.ipam.integration.IpamIntegration;
import io.routerbridge.ipam.integration.PushRetrier;
import io.routerbridge.ipam.integration.PushRetryRepository;
import io.routerbridge.ipam.integration.web.PushRetryRoutes;
import io.routerbridge.ipam.integration.webhook.WebhookIntegration;
import io.routerbridge.ipam.integration.webhook.WebhookSettingsRepository;
import io.routerbridge.ipam.integration.webhook.web.WebhookRoutes;
import io.routerbridge.ipam.netbox.NetBoxIntegration;
import io.routerbridge.ipam.netbox.NetBoxPull;
import io.routerbridge.ipam.netbox.NetBoxPullRepository;
import io.routerbridge.ipam.netbox.NetBoxSettingsRepository;
import io.routerbridge.ipam.netbox.web.NetBoxRoutes;
import io.routerbridge.ipam.orphans.AssignmentReleaser;
import io.routerbridge.ipam.orphans.HeldBlockRepository;
import io.routerbridge.ipam.orphans.HeldBlocks;
import io.routerbridge.ipam.orphans.OrphanRoutes;
import io.routerbridge.ipam.orphans.Orphans;
import io.routerbridge.ipam.sync.SyncRoutes;
import io.routerbridge.ipam.sync.WhmcsSync;
import io.routerbridge.ipam.sync.WhmcsSyncRepository;
import io.routerbridge.ipam.web.IpamRoutes;
import io.routerbridge.ipam.whmcs.AfterCreatePush;
import io.routerbridge.ipam.whmcs.AfterTerminateRelease;
import io.routerbridge.ipam.whmcs.DailyCron;
import io.routerbridge.ipam.whmcs.PreModuleCreateAssign;
import io.routerbridge.jobs.JobsModule;
import io.routerbridge.platform.BackgroundPass;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import io.routerbridge.whmcs.ModuleFunctions;
import io.routerbridge.whmcs.WhmcsHooks;
import io.routerbridge.whmcs.web.ClientRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * IP address management: subnets, pools, assignments against WHMCS services, the product configurations that
 * relate them, housekeeping (sync, orphans, cleaner, usage alerts, action log), export/import, the client area's IP
 * list, and the integrations every assignment and release is pushed to (NetBox, the webhook, and those of modules
 * above IPAM, such as the MikroTik announcements), with failed pushes retried.
 */
public final class IpamModule implements Module {
    private final SubnetService subnets;
    private final PoolService pools;
    private final IpAllocator allocator;
    private final AssignmentSearch search;
    private final IpamRemoval removal;
    private final IpamExchange exchange;
    private final NetBoxIntegration netBox;
    private final WebhookIntegration webhook;
    private final ActionLog actionLog;
    private final WhmcsSync whmcsSync;
    private final Integrations integrations;
    private final PushRetrier pushRetrier;
    private final Assignments assignments;
    private final Orphans orphans;
    private final ClientAreaSettings clientAreaSettings;
    private final ClientIps clientIps;
    private final IpCleaner ipCleaner;
    private final HousekeepingSettings housekeepingSettings;
    private final UsageAlerts usageAlerts;
    private final Configurations configurations;
    private final WhmcsHostingRepository hosting;
    private final ServiceAddresses serviceAddresses;
    private final JobsModule jobs;

    /** {@code integrationsAbove}: IPAM integrations of modules built on IPAM, told after NetBox and the webhook. */
    public IpamModule(Infrastructure infra, JobsModule jobs, List<? extends IpamIntegration> integrationsAbove) {
        var dsl = infra.dsl();
        var clock = infra.clock();
        this.jobs = jobs;
        this.subnets = new SubnetService(new SubnetRepository(dsl), clock);
        this.pools = new PoolService(new PoolRepository(dsl), clock);
        this.allocator = new IpAllocator(new AllocationRepository(dsl), clock);
        this.search = new AssignmentSearch(new AssignmentRepository(dsl));
        this.removal = new IpamRemoval(new SubnetRepository(dsl), new PoolRepository(dsl));
        this.exchange = new IpamExchange(new IpamExchangeRepository(dsl, clock));
        this.netBox = new NetBoxIntegration(new NetBoxSettingsRepository(dsl, infra.cipher()),
                new NetBoxPull(new NetBoxPullRepository(dsl, clock)), subnets, clock);
        this.webhook = new WebhookIntegration(new WebhookSettingsRepository(dsl, infra.cipher()), infra.json(), clock);
        List<IpamIntegration> every = new ArrayList<>(List.of(netBox, webhook));
        every.addAll(integrationsAbove);
        this.actionLog = new ActionLog(new ActionLogRepository(dsl), clock);
        this.whmcsSync = new WhmcsSync(new WhmcsSyncRepository(dsl), clock, actionLog);
        HeldBlocks heldBlocks = new HeldBlocks(new HeldBlockRepository(dsl));
        PushRetryRepository pushRetries = new PushRetryRepository(dsl, infra.json(), clock);
        this.integrations = new Integrations(List.copyOf(every), pushRetries);
        this.pushRetrier = new PushRetrier(pushRetries, List.copyOf(every), actionLog, clock);
        AssignmentReleaser releaser = new AssignmentReleaser(allocator, heldBlocks, actionLog, integrations);
        this.assignments = new Assignments(allocator, search, heldBlocks, releaser, actionLog, integrations);
        this.orphans = new Orphans(heldBlocks, releaser);
        this.clientAreaSettings = new ClientAreaSettings(new ClientAreaSettingsRepository(dsl));
        this.clientIps = new ClientIps(new ClientIpRepository(dsl), heldBlocks, releaser, clientAreaSettings);
        this.ipCleaner = new IpCleaner(new CleanerRunRepository(dsl, infra.json()), heldBlocks, releaser, actionLog, clock);
        this.housekeepingSettings = new HousekeepingSettings(new HousekeepingSettingsRepository(dsl));
        this.usageAlerts = new UsageAlerts(new UsageAlertRepository(dsl), clock);
        this.configurations = new Configurations(new ConfigurationRepository(dsl), pools, subnets, clock);
        this.hosting = new WhmcsHostingRepository(dsl);
        this.serviceAddresses = new ServiceAddresses(configurations, allocator, hosting);
    }

    @Override
    public List<ApiRoutes> restRoutes() {
        return List.of(
                new NetBoxRoutes(netBox),
                new WebhookRoutes(webhook),
                new PushRetryRoutes(pushRetrier),
                new IpamRoutes(subnets, pools, assignments, search, removal),
                new ExchangeRoutes(exchange),
                new SyncRoutes(whmcsSync, jobs.jobs()),
                new OrphanRoutes(orphans),
                new CleanerRoutes(ipCleaner),
                new UsageRoutes(usageAlerts, housekeepingSettings),
                new ClientAreaSettingsRoutes(clientAreaSettings),
                new LogRoutes(actionLog),
                new ConfigurationRoutes(configurations));
    }

    @Override
    public void registerWhmcsHandlers(ModuleFunctions functions, WhmcsHooks hooks) {
        hooks.register(PreModuleCreateAssign.HOOK, new PreModuleCreateAssign(serviceAddresses)::handle);
        DailyCron dailyCron = new DailyCron(housekeepingSettings, usageAlerts, ipCleaner);
        hooks.register(DailyCron.HOOK, dailyCron::handle);
        hooks.register(DailyCron.MAILED_HOOK, dailyCron::mailed);
        hooks.register(AfterCreatePush.HOOK, new AfterCreatePush(allocator, integrations)::handle);
        hooks.register(AfterTerminateRelease.HOOK, new AfterTerminateRelease(assignments)::handle);
    }

    @Override
    public List<ClientRoutes> clientRoutes() {
        return List.of(new ClientIpRoutes(clientIps));
    }

    @Override
    public List<BackgroundPass> backgroundPasses() {
        return List.of(new BackgroundPass("push-retrier", Duration.ofSeconds(5), PushRetrier.INTERVAL, pushRetrier));
    }

    public SubnetService subnets() {
        return subnets;
    }

    public IpAllocator allocator() {
        return allocator;
    }

    /** Assigning and unassigning with integrations told and the action logged (REST, lifecycle, hooks). */
    public Assignments assignments() {
        return assignments;
    }

    public Configurations configurations() {
        return configurations;
    }

    /** What we read from and write to WHMCS's service rows (composition, dedicated and assigned IPs). */
    public WhmcsHostingRepository hosting() {
        return hosting;
    }

    public ActionLog actionLog() {
        return actionLog;
    }

    public Orphans orphans() {
        return orphans;
    }

    public UsageAlerts usageAlerts() {
        return usageAlerts;
    }

    public HousekeepingSettings housekeepingSettings() {
        return housekeepingSettings;
    }

    /** NetBox as configured through /api/v1/netbox. */
    public NetBoxIntegration netBoxIntegration() {
        return netBox;
    }

    /** The signed webhook as configured through /api/v1/integrations/webhook. */
    public WebhookIntegration webhookIntegration() {
        return webhook;
    }

    /** Failed pushes to the integrations, retried in the background. */
    public PushRetrier pushRetrier() {
        return pushRetrier;
    }
}
