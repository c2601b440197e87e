package io.routerbridge;

import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.config.DatabaseConfig;
import io.routerbridge.config.Environment;
import io.routerbridge.db.Database;
import io.routerbridge.db.Migrations;
import java.io.PrintStream;
import java.util.List;

/** {@code migrate}: applies our Flyway migrations to the WHMCS database and exits. */
final class MigrateCommand implements CliCommand {
    @Override
    public String usage() {
        return "migrate                      apply pending database migrations";
    }

    @Override
    public int run(List<String> args, Environment env, PrintStream out) {
        DatabaseConfig config = DatabaseConfig.fromEnvironment(env);
        try (HikariDataSource pool = Database.pool(config)) {
            int applied = new Migrations(pool).migrate();
            out.println("routerbridge: " + applied + " migration(s) applied to " + Database.describe(config));
            return 0;
        }
    }
}
