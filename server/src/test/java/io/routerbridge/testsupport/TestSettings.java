package io.routerbridge.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the test environment: the environment variable first, then the system property surefire sets. */
final class TestSettings {
    private TestSettings() {
    }

    static Optional<String> get(String environmentVariable, String systemProperty) {
        String value = System.getenv(environmentVariable);
        if (value == null || value.isBlank()) {
            value = System.getProperty(systemProperty);
        }
        // Maven leaves "${env.X}" verbatim when X is unset.
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static String required(String environmentVariable, String systemProperty) {
        return get(environmentVariable, systemProperty).orElseThrow(() -> new IllegalStateException(
                environmentVariable + " is not set. Run the tests through scripts/test.sh (it starts a private MariaDB "
                        + "and exports RB_TEST_DB_URL, RB_TEST_DB_USER and RB_TEST_DB_PASSWORD), or export them yourself, "
                        + "e.g. after `RB_DB_PORT=3411 bash -c 'source scripts/lib.sh; db_start'`: "
                        + "RB_TEST_DB_URL=jdbc:mariadb://127.0.0.1:3411/ RB_TEST_DB_USER=routerbridge "
                        + "RB_TEST_DB_PASSWORD=routerbridge"));
    }

    /** The repository root (holding schema/), found from the build or by walking up from the working directory. */
    static Path repositoryRoot() {
        Optional<Path> configured = get("RB_REPO_DIR", "rb.repo.dir").map(Path::of)
                .filter(p -> Files.isDirectory(p.resolve("schema")));
        if (configured.isPresent()) {
            return configured.get();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("schema/whmcs")) && Files.isDirectory(dir.resolve("schema/migrations"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (a directory holding schema/whmcs)");
    }
}
