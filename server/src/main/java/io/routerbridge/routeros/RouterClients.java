package io.routerbridge.routeros;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The service's RouterOS client: one pool of pipelined connections per router, each behind its own circuit breaker.
 * One instance per service; {@link #close()} closes every connection and stops the one timer thread.
 */
public final class RouterClients implements AutoCloseable {
    private final ClientOptions options;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<RouterEndpoint, RouterPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RouterClients(ClientOptions options) {
        this.options = options;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "routeros-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        Duration keepalive = options.keepaliveInterval();
        if (keepalive != null) {
            long millis = keepalive.toMillis();
            timer.scheduleWithFixedDelay(this::keepalive, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** A session for the router; cheap, and sessions for the same endpoint share the router's pool. */
    public RouterSession session(RouterEndpoint endpoint) {
        if (closed) {
            throw new IllegalStateException("RouterClients is closed");
        }
        return new PooledSession(pool(endpoint));
    }

    /** For diagnostics and tests: the breaker state of the router's pool, if one exists. */
    Optional<CircuitBreaker.State> breakerState(RouterEndpoint endpoint) {
        RouterPool pool = pools.get(endpoint);
        return pool == null ? Optional.empty() : Optional.of(pool.breakerState());
    }

    private RouterPool pool(RouterEndpoint endpoint) {
        // keyed by the whole endpoint: changed credentials or pin get a fresh pool, sessions holding the old one still work
        RouterPool pool = pools.computeIfAbsent(endpoint, key -> new RouterPool(key, options, timer));
        if (closed) {
            pool.close();
        }
        return pool;
    }

    private void keepalive() {
        for (RouterPool pool : pools.values()) {
            try {
                pool.keepalive(options.keepaliveInterval());
            } catch (RuntimeException e) {
                // a failed probe already discarded its connection; the next call reconnects
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pools.values().forEach(RouterPool::close);
        pools.clear();
        timer.shutdownNow();
    }

    private final class PooledSession implements RouterSession {
        private final RouterPool pool;

        PooledSession(RouterPool pool) {
            this.pool = pool;
        }

        @Override
        public RouterEndpoint endpoint() {
            return pool.endpoint();
        }

        @Override
        public Reply execute(Sentence command) {
            return await(submit(command));
        }

        @Override
        public CompletableFuture<Reply> submit(Sentence command) {
            return pipeline(List.of(command)).get(0);
        }

        @Override
        public List<CompletableFuture<Reply>> pipeline(List<Sentence> commands) {
            if (commands.isEmpty()) {
                return List.of();
            }
            List<Sentence> batch = List.copyOf(commands);
            try {
                return pool.submit(batch);
            } catch (RouterOsException e) {
                return batch.stream().map(command -> CompletableFuture.<Reply>failedFuture(e)).toList();
            }
        }

        @Override
        public List<Reply> executeAll(List<Sentence> commands) {
            List<CompletableFuture<Reply>> futures = pipeline(commands);
            List<Reply> replies = new ArrayList<>(futures.size());
            RouterOsException first = null;
            for (CompletableFuture<Reply> future : futures) {
                try {
                    replies.add(await(future));
                } catch (RouterOsException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return replies;
        }

        @Override
        public Optional<String> certificateSha256() {
            return pool.certificateSha256();
        }

        private Reply await(CompletableFuture<Reply> future) {
            // the connection's own timer fails the future; the margin only guards against a lost completion
            long margin = options.commandTimeout().toMillis() + options.connectTimeout().toMillis() + 1000;
            try {
                return future.get(margin, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RouterOsException failure) {
                    throw failure;
                }
                throw new RouterOsException("router " + pool.endpoint().address() + ": " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new RouterTimeoutException("router " + pool.endpoint().address() + ": no reply within "
                        + margin + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RouterOsException("router " + pool.endpoint().address() + ": interrupted");
            }
        }
    }
}
