package io.routerbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The speed rewrite used by TestDatabase yields exactly the schema the plain scripts give. */
class SchemaScriptsTest {
    @RegisterExtension
    static final TestDatabase folded = new TestDatabase().withoutMigrations();

    @Test
    void foldedIndexesGiveTheSameTablesAsTheScriptsAsWritten() throws IOException {
        String plain = "rbt_plain_" + System.nanoTime();
        TestDatabase.drop(plain);
        try {
            folded.execute("CREATE DATABASE `" + plain + "` CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci");
            try (Stream<Path> files = Files.list(RepositoryFiles.root().resolve("schema/whmcs"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                    folded.execute("USE `" + plain + "`; " + Files.readString(file));
                }
            }
            List<String> tables = folded.tables();
            assertThat(tables).hasSizeGreaterThan(20);
            for (String table : tables) {
                assertThat(createStatement(plain, table)).as(table)
                        .isEqualTo(createStatement(folded.name(), table));
            }
        } finally {
            TestDatabase.drop(plain);
        }
    }

    private static String createStatement(String database, String table) {
        return folded.dsl().fetchOne("SHOW CREATE TABLE `" + database + "`.`" + table + "`").get(1, String.class);
    }
}
