package io.routerbridge.db;

import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;

/** Ready = the database answers and every migration of ours is applied. */
public final class ReadinessCheck {
    private final DataSource dataSource;
    private final Migrations migrations;

    public ReadinessCheck(DataSource dataSource, Migrations migrations) {
        this.dataSource = dataSource;
        this.migrations = migrations;
    }

    /** Empty when ready, otherwise the reason. */
    public Optional<String> problem() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return Optional.of("database connection is not valid");
            }
        } catch (Exception e) {
            return Optional.of("database unreachable: " + e.getClass().getSimpleName());
        }
        try {
            return migrations.problem();
        } catch (Exception e) {
            return Optional.of("cannot read migration state: " + e.getClass().getSimpleName());
        }
    }
}
