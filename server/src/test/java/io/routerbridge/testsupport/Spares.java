package io.routerbridge.testsupport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Creating a test database costs seconds of DDL; a background thread keeps one spare database of
 * each kind ready and drops used ones, so tests rarely wait. Everything left is dropped at JVM exit.
 */
final class Spares {
    private enum Kind { WHMCS_ONLY, MIGRATED }

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-database-spares");
        thread.setDaemon(true);
        return thread;
    });
    private static final Map<Kind, Future<String>> SPARES = new EnumMap<>(Kind.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Spares::dropAll, "test-database-cleanup"));
    }

    private Spares() {
    }

    /** A fresh database of the kind asked for; it belongs to the caller, who drops it. */
    static synchronized String take(boolean withMigrations) {
        Kind kind = withMigrations ? Kind.MIGRATED : Kind.WHMCS_ONLY;
        Future<String> spare = SPARES.remove(kind);
        String name;
        if (spare == null) {
            name = TestDatabase.prepare(withMigrations);
        } else {
            name = await(spare);
        }
        SPARES.put(kind, WORKER.submit(() -> TestDatabase.prepare(withMigrations)));
        return name;
    }

    /** Waits until no spare is being made or dropped, so server-wide counters read meanwhile are the caller's own. */
    static void awaitIdle() {
        await(WORKER.submit(() -> "idle"));
    }

    static void dropLater(String name) {
        WORKER.submit(() -> TestDatabase.drop(name));
    }

    private static String await(Future<String> spare) {
        try {
            return spare.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static void dropAll() {
        List<Future<String>> pending;
        synchronized (Spares.class) {
            pending = new ArrayList<>(SPARES.values());
            SPARES.clear();
        }
        pending.forEach(spare -> spare.cancel(false));
        WORKER.shutdown();
        try {
            WORKER.awaitTermination(60, TimeUnit.SECONDS);
            for (Future<String> spare : pending) {
                if (spare.isDone() && !spare.isCancelled()) {
                    try {
                        TestDatabase.drop(spare.get());
                    } catch (ExecutionException | RuntimeException e) {
                        // a failed spare left nothing behind (or the stale cleanup will get it)
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
