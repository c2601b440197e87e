package io.routerbridge.db;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Our Flyway migrations ({@code schema/migrations}, packaged as {@code db/migration}). The WHMCS
 * database is not empty, so Flyway baselines at version 0 and then applies every migration of ours;
 * it never cleans and never touches a table outside the ones our migrations create.
 */
public final class Migrations {
    public static final String HISTORY_TABLE = "mod_routerbridge_schema_history";
    public static final String LOCATION = "classpath:db/migration";

    private final Flyway flyway;
    private volatile boolean knownUpToDate;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("WHMCS database before routerbridge")
                .cleanDisabled(true)
                .createSchemas(false)
                .validateMigrationNaming(true)
                .load();
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        MigrateResult result = flyway.migrate();
        knownUpToDate = true;
        return result.migrationsExecuted;
    }

    /** Empty when every migration is applied; otherwise why not (for /health/ready). */
    public Optional<String> problem() {
        if (knownUpToDate) {
            return Optional.empty();
        }
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length > 0) {
            return Optional.of(pending.length + " migration(s) pending, first: "
                    + pending[0].getVersion() + " " + pending[0].getDescription());
        }
        MigrationInfo current = flyway.info().current();
        if (current == null) {
            return Optional.of("migrations have not been applied");
        }
        knownUpToDate = true;
        return Optional.empty();
    }
}
