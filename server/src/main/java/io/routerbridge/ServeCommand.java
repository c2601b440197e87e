package io.routerbridge;

import io.routerbridge.app.Application;
import io.routerbridge.app.http.RunningHttp;
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
        Application app = Application.open(config);
        try {
            int applied = app.migrations().migrate();
            log.info("database {}: {} migration(s) applied", Database.describe(config.database()), applied);
            app.startBackground();
            RunningHttp http = app.httpApp().start(config.httpHost(), config.httpPort());
            log.info("routerbridge listening on {}:{}", config.httpHost(), http.port());
            return new RunningService(app, http);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    record RunningService(Application app, RunningHttp http) implements AutoCloseable {
        int port() {
            return http.port();
        }

        @Override
        public void close() {
            http.close();
            app.close();
        }
    }
}
