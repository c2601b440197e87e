package io.routerbridge.routeros;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections to one router: a few slots, each holding a pipelined connection that is (re)opened on demand,
 * behind the router's circuit breaker. Locks are per slot, so a slow or dead router only ever holds up its own
 * callers.
 */
final class RouterPool {
    private final RouterEndpoint endpoint;
    private final ClientOptions options;
    private final ScheduledExecutorService timer;
    private final CircuitBreaker breaker;
    private final AtomicReferenceArray<RouterConnection> slots;
    private final ReentrantLock[] slotLocks;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String learnedSha256;
    private volatile String lastSeenSha256;

    RouterPool(RouterEndpoint endpoint, ClientOptions options, ScheduledExecutorService timer) {
        this.endpoint = endpoint;
        this.options = options;
        this.timer = timer;
        this.breaker = new CircuitBreaker("router " + endpoint.address(), options.breakerThreshold(),
                options.breakerCooldown(), System::nanoTime);
        this.slots = new AtomicReferenceArray<>(options.connectionsPerRouter());
        this.slotLocks = new ReentrantLock[slots.length()];
        for (int i = 0; i < slotLocks.length; i++) {
            slotLocks[i] = new ReentrantLock();
        }
    }

    RouterEndpoint endpoint() {
        return endpoint;
    }

    List<CompletableFuture<Reply>> submit(List<Sentence> commands) {
        return connection().submitAll(commands, options.commandTimeout());
    }

    /** A usable connection, opening one if its slot is empty or its connection died. */
    RouterConnection connection() {
        int slot = Math.floorMod(next.getAndIncrement(), slots.length());
        RouterConnection current = slots.get(slot);
        if (current != null && current.usable()) {
            return current;
        }
        breaker.failFastIfOpen();
        ReentrantLock lock = slotLocks[slot];
        long waitMillis = 3 * options.connectTimeout().toMillis() + 1000;
        try {
            if (!lock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new RouterTimeoutException("router " + endpoint.address()
                        + ": no connection became available within " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouterOsException("router " + endpoint.address() + ": interrupted while connecting");
        }
        try {
            current = slots.get(slot);
            if (current != null && current.usable()) {
                return current;
            }
            ensureOpen();
            breaker.beforeAttempt();
            RouterConnection fresh = open();
            slots.set(slot, fresh);
            if (current != null) {
                current.close();
            }
            if (closed.get()) {
                fresh.close();
                ensureOpen();
            }
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    private RouterConnection open() {
        String pin = endpoint.pinnedSha256() != null ? endpoint.pinnedSha256() : learnedSha256;
        RouterConnection connection;
        try {
            connection = RouterConnection.open(endpoint, options, timer, pin, options.trustOnFirstUse());
        } catch (RouterLoginException e) {
            breaker.onSuccess(); // reachable; the credentials are the problem
            throw e;
        } catch (RouterTlsException e) {
            e.seenSha256().ifPresent(seen -> lastSeenSha256 = seen);
            breaker.onFailure(withoutPrefix(e.getMessage()));
            throw e;
        } catch (RouterOsException e) {
            breaker.onFailure(withoutPrefix(e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            breaker.onFailure(e.toString()); // never leave a half-open probe hanging
            throw new RouterConnectionException("router " + endpoint.address() + ": cannot connect: " + e, e);
        }
        breaker.onSuccess();
        connection.certificateSha256().ifPresent(seen -> {
            lastSeenSha256 = seen;
            if (pin == null) {
                learnedSha256 = seen;
                options.firstUseListener().certificateSeen(endpoint, seen);
            }
        });
        return connection;
    }

    /** Probes idle connections so a silently dead one is found and discarded before a caller needs it. */
    void keepalive(Duration idle) {
        for (int i = 0; i < slots.length(); i++) {
            RouterConnection connection = slots.get(i);
            if (connection != null && connection.usable() && connection.idleLongerThan(idle)) {
                connection.submitAll(List.of(Sentence.of("/system/identity/print")), options.commandTimeout());
            }
        }
    }

    Optional<String> certificateSha256() {
        return Optional.ofNullable(lastSeenSha256);
    }

    CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    void close() {
        closed.set(true);
        for (int i = 0; i < slots.length(); i++) {
            RouterConnection connection = slots.get(i);
            if (connection != null) {
                connection.close();
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new RouterConnectionException("router " + endpoint.address() + ": the client is closed");
        }
    }

    private String withoutPrefix(String message) {
        String prefix = "router " + endpoint.address() + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }
}
