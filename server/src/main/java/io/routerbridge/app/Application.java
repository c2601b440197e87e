package io.routerbridge.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.announcements.AnnouncementsModule;
import io.routerbridge.api.ApiKeysModule;
import io.routerbridge.app.http.HttpApp;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.db.Database;
import io.routerbridge.db.Migrations;
import io.routerbridge.db.ReadinessCheck;
import io.routerbridge.fleet.FleetModule;
import io.routerbridge.http.HealthEndpoints;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.jobs.JobsModule;
import io.routerbridge.keyrotation.KeyRotationModule;
import io.routerbridge.lifecycle.LifecycleModule;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import io.routerbridge.platform.Page;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * The composition root: the infrastructure, then the modules in the order of {@link #modules}, then what they
 * contribute gathered by one loop per kind (HTTP routes, WHMCS handlers, background passes).
 */
public final class Application implements AutoCloseable {
    private final ServiceConfig config;
    private final HikariDataSource dataSource;
    private final boolean ownsDataSource;
    private final Clock clock;
    private final ObjectMapper json;
    private final DSLContext dsl;
    private final Migrations migrations;
    private final ReadinessCheck readiness;
    private final List<Module> modules;
    private final BackgroundRunner background = new BackgroundRunner();

    /**
     * Every module of the service, in build order: a module may take the modules above it as constructor
     * arguments. Adding a capability is one module class and one line here.
     */
    static List<Module> modules(Infrastructure infra) {
        Modules modules = new Modules();
        try {
            modules.add(new WhmcsChannelModule(infra));
            modules.add(new ApiKeysModule(infra));
            var fleet = modules.add(new FleetModule(infra));
            var jobs = modules.add(new JobsModule(infra));
            var announcements = modules.add(new AnnouncementsModule(infra, fleet));
            var ipam = modules.add(new IpamModule(infra, jobs, List.of(announcements.mikroTik())));
            modules.add(new LifecycleModule(infra, fleet, ipam, announcements.mikroTik()));
            modules.add(new KeyRotationModule(infra));
            return modules.built();
        } catch (RuntimeException e) {
            Modules.closeInReverse(modules.built());
            throw e;
        }
    }

    private Application(ServiceConfig config, HikariDataSource dataSource, boolean ownsDataSource, Clock clock,
                        boolean registerWhmcsHandlers) {
        this.config = config;
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.clock = clock;
        this.json = jsonMapper();
        this.dsl = Database.dsl(dataSource);
        this.migrations = new Migrations(dataSource);
        this.readiness = new ReadinessCheck(dataSource, migrations);
        this.modules = modules(new Infrastructure(config, dsl, clock, json, new CredentialCipher(config.masterKeys())));
        WhmcsChannelModule channel = module(WhmcsChannelModule.class);
        for (Module module : modules) {
            channel.listen(module.moduleCallListeners());
            if (registerWhmcsHandlers) {
                module.registerWhmcsHandlers(channel.moduleFunctions(), channel.hooks());
            }
        }
    }

    /** For the commands: opens its own connection pool. */
    public static Application open(ServiceConfig config) {
        return new Application(config, Database.pool(config.database()), true, Clock.systemUTC(), true);
    }

    /** Over an existing pool (tests); the caller keeps ownership of the pool. */
    public static Application using(ServiceConfig config, HikariDataSource dataSource, Clock clock) {
        return new Application(config, dataSource, false, clock, true);
    }

    /**
     * Like {@link #using}, but no module registers its WHMCS functions and hooks: for tests of the signed channel
     * that register their own under those names.
     */
    public static Application withoutWhmcsHandlers(ServiceConfig config, HikariDataSource dataSource, Clock clock) {
        return new Application(config, dataSource, false, clock, false);
    }

    public static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The module of that class, e.g. {@code app.module(IpamModule.class).assignments()}. */
    public <M extends Module> M module(Class<M> type) {
        return modules.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no module " + type.getSimpleName()));
    }

    public List<Module> modules() {
        return modules;
    }

    /** Every route of the service: health, the signed channel and {@code /api/v1} with each module's part. */
    public HttpApp httpApp() {
        return new HttpApp(json, new HealthEndpoints(readiness),
                module(WhmcsChannelModule.class).endpoints(contributions(Module::clientRoutes)),
                module(ApiKeysModule.class).restApi(contributions(Module::restRoutes)));
    }

    /** Every module's operator pages (served once the console exists). */
    public List<Page> pages() {
        return contributions(Module::pages);
    }

    /** Starts every module's background passes, each on its own thread. */
    public void startBackground() {
        background.start(contributions(Module::backgroundPasses));
    }

    private <T> List<T> contributions(Function<Module, List<? extends T>> kind) {
        List<T> all = new ArrayList<>();
        modules.forEach(module -> all.addAll(kind.apply(module)));
        return List.copyOf(all);
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

    @Override
    public void close() {
        background.close();
        Modules.closeInReverse(modules);
        if (ownsDataSource) {
            dataSource.close();
        }
    }
}
