package io.routerbridge.keyrotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.testsupport.RepositoryFiles;
import io.routerbridge.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A column whose name says it holds a secret is either in the registry of encrypted columns (so rotate-key
 * re-encrypts it) or explained in {@link EncryptedColumnRepository#NOT_ENCRYPTED}: adding a migration with a new
 * one fails here until it is registered.
 */
class EncryptedColumnRegistryTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|cipher|encrypt|credential|private_?key).*");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "CREATE TABLE (\\w+) \\((.*?)\\)\\s*ENGINE", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern COLUMN_LINE = Pattern.compile("^\\s*(\\w+)\\s+[A-Za-z]", Pattern.MULTILINE);
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "ALTER TABLE (\\w+)\\s+ADD\\s+(?:COLUMN\\s+)?(?:IF NOT EXISTS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_COLUMNS = Set.of("PRIMARY", "KEY", "UNIQUE", "INDEX", "CONSTRAINT",
            "FOREIGN", "CHECK");

    @Test
    void everyColumnOfTheMigrationsNamedLikeASecretIsRegisteredOrExplained() throws IOException {
        Set<String> columns = columnsOf(migrations());
        Set<String> secretLooking = secretLooking(columns);

        assertThat(unaccounted(secretLooking)).as("register them in EncryptedColumnRepository").isEmpty();
        assertThat(secretLooking).containsAll(EncryptedColumnRepository.columns())
                .containsAll(EncryptedColumnRepository.NOT_ENCRYPTED.keySet());
        assertThat(EncryptedColumnRepository.columns()).contains("mod_routerbridge_router.password_ciphertext",
                "mod_routerbridge_service.ppp_password_ciphertext", "mod_routerbridge_vpn_user.password_ciphertext",
                "mod_routerbridge_ipam_netbox_settings.token_encrypted",
                "mod_routerbridge_integration_webhook.secret_encrypted");
    }

    @Test
    void theMigratedDatabaseHasNoOtherSecretLookingColumn() {
        Set<String> columns = new TreeSet<>(db.dsl().fetch("SELECT CONCAT(table_name, '.', column_name)"
                        + " FROM information_schema.columns WHERE table_schema = DATABASE()"
                        + " AND table_name LIKE 'mod\\_routerbridge\\_%' AND table_name <> 'mod_routerbridge_schema_history'")
                .getValues(0, String.class));

        assertThat(unaccounted(secretLooking(columns))).isEmpty();
        assertThat(columns).containsAll(EncryptedColumnRepository.columns());
    }

    @Test
    void aNewSecretColumnInAMigrationIsCaught() {
        String migration = """
                CREATE TABLE mod_routerbridge_radius (
                    id            BIGINT        NOT NULL AUTO_INCREMENT,
                    shared_secret VARCHAR(1024) NOT NULL,
                    PRIMARY KEY (id)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                ALTER TABLE mod_routerbridge_router ADD COLUMN api_token_encrypted VARCHAR(1024) NULL;
                """;

        assertThat(unaccounted(secretLooking(columnsOf(migration)))).containsExactly(
                "mod_routerbridge_radius.shared_secret", "mod_routerbridge_router.api_token_encrypted");
    }

    private static String migrations() throws IOException {
        Path dir = RepositoryFiles.root().resolve("schema/migrations");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        assertThat(all).as("migrations found in " + dir).contains("CREATE TABLE mod_routerbridge_router");
        return all.toString();
    }

    static Set<String> columnsOf(String sql) {
        String text = sql.replaceAll("--[^\n]*", "");
        Set<String> columns = new TreeSet<>();
        Matcher table = CREATE_TABLE.matcher(text);
        while (table.find()) {
            Matcher column = COLUMN_LINE.matcher(table.group(2));
            while (column.find()) {
                if (!NOT_COLUMNS.contains(column.group(1).toUpperCase())) {
                    columns.add(table.group(1) + "." + column.group(1));
                }
            }
        }
        Matcher added = ADD_COLUMN.matcher(text);
        while (added.find()) {
            if (!NOT_COLUMNS.contains(added.group(2).toUpperCase())) {
                columns.add(added.group(1) + "." + added.group(2));
            }
        }
        return columns;
    }

    private static Set<String> secretLooking(Set<String> columns) {
        Set<String> found = new TreeSet<>();
        columns.stream().filter(c -> SECRET_NAME.matcher(c.substring(c.indexOf('.') + 1)).matches()).forEach(found::add);
        return found;
    }

    private static Set<String> unaccounted(Set<String> secretLooking) {
        Set<String> missing = new TreeSet<>(secretLooking);
        EncryptedColumnRepository.columns().forEach(missing::remove);
        EncryptedColumnRepository.NOT_ENCRYPTED.keySet().forEach(missing::remove);
        return missing;
    }
}
