package io.routerbridge;

import io.javalin.Javalin;
import io.routerbridge.config.Environment;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.db.Database;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code serve}: migrates, then answers HTTP until the process is told to stop. */
final class ServeCommand implements CliCommand {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public String usage() {
        return "serve                        apply migrations, then run the HTTP service";
    }

    @Override
    public int run(List<String> args, Environment env, PrintStream out) throws InterruptedException {
        RunningService service = start(ServiceConfig.fromEnvironment(env));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "routerbridge-shutdown"));
        stopped.await();
        return 0;
    }

    /** Everything {@code serve} does before it waits: migrate, start housekeeping, listen. */
    static RunningService start(ServiceConfig config) {
        Services services = Services.open(config);
        try {
            int applied = services.migrations().migrate();
            log.info("database {}: {} migration(s) applied", Database.describe(config.database()), applied);
            services.registerLifecycleHandlers();
            services.startBackgroundJobs();
            Javalin http = services.httpApp().start(config.httpHost(), config.httpPort());
            log.info("routerbridge listening on {}:{}", config.httpHost(), http.port());
            return new RunningService(services, http);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    record RunningService(Services services, Javalin http) implements AutoCloseable {
        int port() {
            return http.port();
        }

        @Override
        public void close() {
            http.stop();
            services.close();
        }
    }
}
