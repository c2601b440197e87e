package io.routerbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (docs, schema) for tests. */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    public static Path root() {
        return TestSettings.repositoryRoot();
    }

    public static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
