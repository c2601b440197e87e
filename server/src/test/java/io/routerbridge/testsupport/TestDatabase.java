package io.routerbridge.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.config.DatabaseConfig;
import io.routerbridge.config.Secret;
import io.routerbridge.db.Database;
import io.routerbridge.db.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, uniquely named database on the test MariaDB (RB_TEST_DB_URL / RB_TEST_DB_USER /
 * RB_TEST_DB_PASSWORD, exported by scripts/test.sh), holding the WHMCS tables of schema/whmcs and
 * our Flyway migrations, dropped afterwards. Without those settings the test fails (never skips).
 *
 * <pre>
 * &#64;RegisterExtension static final TestDatabase db = new TestDatabase();        // one per test class
 * &#64;RegisterExtension final TestDatabase db = new TestDatabase();               // one per test method
 * try (TestDatabase db = new TestDatabase().start()) { ... }                       // by hand
 * new TestDatabase().withoutMigrations()                                          // WHMCS tables only
 * </pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, AutoCloseable {
    private static final String PREFIX = "rbt_";
    private static final AtomicBoolean STALE_DATABASES_DROPPED = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();

    private boolean applyMigrations = true;
    private boolean perClass;
    private String name;
    private HikariDataSource dataSource;
    private DSLContext dsl;

    /** Only the WHMCS tables; our migrations are not applied (e.g. to test {@code migrate} itself). */
    public TestDatabase withoutMigrations() {
        this.applyMigrations = false;
        return this;
    }

    public synchronized TestDatabase start() {
        if (name != null) {
            return this;
        }
        name = Spares.take(applyMigrations);
        dataSource = Database.pool(databaseConfig());
        dsl = Database.dsl(dataSource);
        return this;
    }

    /** Creates a database with the WHMCS tables (and our migrations if asked); returns its name. */
    /** Waits until the spare databases are made, so the server's counters read meanwhile count the caller's statements. */
    public static void awaitSpares() {
        Spares.awaitIdle();
    }

    static String prepare(boolean withMigrations) {
        dropStaleDatabases();
        String database = PREFIX + (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(randomBytes());
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + baseUrl() + ": " + e.getMessage(), e);
        }
        loadWhmcsSchema(database);
        if (withMigrations) {
            try (HikariDataSource pool = Database.pool(new DatabaseConfig(urlFor(database, ""),
                    TestSettings.required("RB_TEST_DB_USER", "rb.test.db.user"), new Secret(adminPassword()), 1))) {
                new Migrations(pool).migrate();
            }
        }
        return database;
    }

    static void drop(String database) {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + database + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        requireStarted();
        return name;
    }

    public String jdbcUrl() {
        requireStarted();
        return urlFor(name, "");
    }

    public String user() {
        return TestSettings.required("RB_TEST_DB_USER", "rb.test.db.user");
    }

    public String password() {
        return TestSettings.get("RB_TEST_DB_PASSWORD", "rb.test.db.password").orElse("");
    }

    public HikariDataSource dataSource() {
        requireStarted();
        return dataSource;
    }

    public DSLContext dsl() {
        requireStarted();
        return dsl;
    }

    public DatabaseConfig databaseConfig() {
        return new DatabaseConfig(jdbcUrl(), user(), new Secret(password()), 5);
    }

    /** RB_DB_URL / RB_DB_USER / RB_DB_PASSWORD for this database, e.g. to run a Main command. */
    public Map<String, String> environment() {
        return Map.of("RB_DB_URL", jdbcUrl(), "RB_DB_USER", user(), "RB_DB_PASSWORD", password());
    }

    /** Runs SQL (several statements allowed) with WHMCS's session settings, e.g. to seed tbl* rows. */
    public void execute(String sql) {
        execute(name(), sql);
    }

    private static void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(urlFor(database, "allowMultiQueries=true"),
                TestSettings.required("RB_TEST_DB_USER", "rb.test.db.user"), adminPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_mode=''");
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }

    /** Table names in this database, sorted. */
    public List<String> tables() {
        return dsl().fetch("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1",
                name).getValues(0, String.class);
    }

    @Override
    public synchronized void close() {
        if (name == null) {
            return;
        }
        if (dataSource != null) {
            dataSource.close();
        }
        Spares.dropLater(name);
        name = null;
        dataSource = null;
        dsl = null;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    private static void loadWhmcsSchema(String database) {
        Path dir = TestSettings.repositoryRoot().resolve("schema/whmcs");
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                try {
                    execute(database, SchemaScripts.withIndexesInline(Files.readString(file)));
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("loading " + file.getFileName() + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireStarted() {
        if (name == null) {
            throw new IllegalStateException("TestDatabase is not started: register it with @RegisterExtension or call start()");
        }
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(baseUrl(), TestSettings.required("RB_TEST_DB_USER", "rb.test.db.user"),
                adminPassword());
    }

    private static String adminPassword() {
        return TestSettings.get("RB_TEST_DB_PASSWORD", "rb.test.db.password").orElse("");
    }

    private static String baseUrl() {
        return TestSettings.required("RB_TEST_DB_URL", "rb.test.db.url");
    }

    /** RB_TEST_DB_URL with the database name put in its path and extra parameters appended. */
    private static String urlFor(String database, String extraParameters) {
        String base = baseUrl();
        String query = "";
        int questionMark = base.indexOf('?');
        if (questionMark >= 0) {
            query = base.substring(questionMark + 1);
            base = base.substring(0, questionMark);
        }
        int slash = base.indexOf('/', "jdbc:mariadb://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        List<String> parameters = new ArrayList<>();
        if (!query.isEmpty()) {
            parameters.add(query);
        }
        if (!extraParameters.isEmpty()) {
            parameters.add(extraParameters);
        }
        return hostPart + "/" + database + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    /** Databases left by killed test runs (older than two hours) are dropped once per JVM. */
    private static void dropStaleDatabases() {
        if (!STALE_DATABASES_DROPPED.compareAndSet(false, true)) {
            return;
        }
        long cutoff = System.currentTimeMillis() / 1000 - 7200;
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW DATABASES LIKE 'rbt\\_%'")) {
                while (rows.next()) {
                    String[] parts = rows.getString(1).split("_");
                    if (parts.length == 3 && parts[1].matches("[0-9]+") && Long.parseLong(parts[1]) < cutoff) {
                        stale.add(rows.getString(1));
                    }
                }
            }
            for (String database : stale) {
                statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test MariaDB at " + baseUrl() + ": " + e.getMessage()
                    + " (is it running? scripts/test.sh starts it)", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
