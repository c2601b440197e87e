package io.routerbridge.ipam;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh MariaDB database with our migrations applied, dropped on close. Temporary: replaced by the
 * shared TestDatabase once it lands. Needs RB_TEST_DB_URL (server URL without database),
 * RB_TEST_DB_USER and RB_TEST_DB_PASSWORD.
 */
final class LocalIpamDatabase implements AutoCloseable {
    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;
    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    LocalIpamDatabase(int maxConnections) throws Exception {
        serverUrl = setting("rb.test.db.url", "RB_TEST_DB_URL");
        user = setting("rb.test.db.user", "RB_TEST_DB_USER");
        password = setting("rb.test.db.password", "RB_TEST_DB_PASSWORD");
        name = "rb_ipam_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        String url = serverUrl.endsWith("/") ? serverUrl + name : serverUrl + "/" + name;
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("filesystem:" + migrations())
                .table("mod_routerbridge_schema_history")
                .load()
                .migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        dataSource = new HikariDataSource(config);
        dsl = DSL.using(dataSource, SQLDialect.MARIADB);
    }

    DSLContext dsl() {
        return dsl;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws Exception {
        dataSource.close();
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(env + " is not set: these tests need MariaDB (see scripts/test.sh)");
        }
        return value;
    }

    private static Path migrations() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("schema/migrations");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("schema/migrations not found above " + Path.of("").toAbsolutePath());
    }
}
