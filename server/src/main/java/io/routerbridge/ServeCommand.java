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
final class ServeCommand implements Command {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public String usage() {
        return "serve                        apply migrations, then run the HTTP service";
    }

    @Override
    public int run(List<String> args, Environment env, PrintStream out) throws InterruptedException {
        ServiceConfig config = ServiceConfig.fromEnvironment(env);
        Services services = Services.open(config);
        int applied = services.migrations().migrate();
        log.info("database {}: {} migration(s) applied", Database.describe(config.database()), applied);
        services.startBackgroundJobs();
        Javalin http = services.httpApp().start(config.httpHost(), config.httpPort());
        log.info("routerbridge listening on {}:{}", config.httpHost(), http.port());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop();
            services.close();
            stopped.countDown();
        }, "routerbridge-shutdown"));
        stopped.await();
        return 0;
    }
}
