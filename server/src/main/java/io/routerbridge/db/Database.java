package io.routerbridge.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.config.DatabaseConfig;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** Connection pool and jOOQ context for the WHMCS database. */
public final class Database {
    /**
     * Our sessions are strict: a value too long for its column is an error, never silently cut (a cut ciphertext
     * would no longer decrypt). WHMCS runs its own sessions with sql_mode='' (reference/whmcs.md §4) and its tables
     * have '0000-00-00' defaults, so NO_ZERO_DATE and NO_ZERO_IN_DATE stay off: we read and compare those dates.
     * The global mode is not ours to change. We only update WHMCS rows, never insert them (strict mode would want
     * every TEXT NOT NULL column of an insert).
     */
    public static final String SQL_MODE = "STRICT_TRANS_TABLES,STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,"
            + "NO_ENGINE_SUBSTITUTION";

    private Database() {
    }

    public static HikariDataSource pool(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("routerbridge-db");
        hikari.setDriverClassName("org.mariadb.jdbc.Driver");
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password().reveal());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        hikari.setConnectionInitSql("SET SESSION sql_mode='" + SQL_MODE + "', time_zone='+00:00'");
        return new HikariDataSource(hikari);
    }

    public static DSLContext dsl(DataSource dataSource) {
        // Execute logging would print SQL with bound values (passwords, ciphertexts) at DEBUG.
        Settings settings = new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(false);
        return DSL.using(dataSource, SQLDialect.MARIADB, settings);
    }

    /** The URL without credentials, for messages. */
    public static String describe(DatabaseConfig config) {
        String url = config.url();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
