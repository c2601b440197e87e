package io.routerbridge.app;

import io.routerbridge.platform.BackgroundPass;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the modules' background passes, each on a daemon thread of its own named after the pass. */
final class BackgroundRunner implements AutoCloseable {
    private final List<ScheduledExecutorService> threads = new ArrayList<>();

    synchronized void start(List<BackgroundPass> passes) {
        for (BackgroundPass pass : passes) {
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread named = new Thread(runnable, "routerbridge-" + pass.name());
                named.setDaemon(true);
                return named;
            });
            threads.add(thread);
            thread.scheduleWithFixedDelay(pass.work(), pass.firstAfter().toMillis(), pass.every().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        threads.forEach(ScheduledExecutorService::shutdownNow);
        threads.clear();
    }
}
