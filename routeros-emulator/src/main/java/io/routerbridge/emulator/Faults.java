package io.routerbridge.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults injected into the API listeners; the control port and Java tests set the same object.
 * Every setter takes effect for the next sentence received.
 */
public final class Faults {
    private final int baseLatencyMs;
    private volatile int latencyMs;
    private final AtomicInteger dropAfterSentences = new AtomicInteger(-1);
    private volatile boolean stall;
    private volatile boolean refuseLogins;
    private volatile boolean closeNewConnections;
    private final Map<String, String> failingCommands = new ConcurrentHashMap<>();

    Faults(int baseLatencyMs) {
        this.baseLatencyMs = baseLatencyMs;
        this.latencyMs = baseLatencyMs;
    }

    /** Every reply is sent this long after its command arrived (pipelined commands are not serialised). */
    public Faults latencyMs(int ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0");
        }
        this.latencyMs = ms;
        return this;
    }

    /**
     * One-shot: the n-th API sentence received from now on (on any connection) is not answered and its
     * connection is closed; the fault is then spent.
     */
    public Faults dropAfterSentences(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("dropAfterSentences must be >= 1");
        }
        dropAfterSentences.set(n);
        return this;
    }

    /** Connections accept bytes and never answer anything (logins included). */
    public Faults stall(boolean on) {
        this.stall = on;
        return this;
    }

    /** Every login fails with RouterOS's wrong-password trap. */
    public Faults refuseLogins(boolean on) {
        this.refuseLogins = on;
        return this;
    }

    /** New TCP connections are accepted and closed at once (the listener stays up). */
    public Faults closeNewConnections(boolean on) {
        this.closeNewConnections = on;
        return this;
    }

    /** The command (e.g. "/ip/firewall/nat/add") fails with {@code !trap =message=<message>} + {@code !done}. */
    public Faults failCommand(String command, String message) {
        failingCommands.put(command, message);
        return this;
    }

    /** Back to no faults and the configured latency. */
    public Faults clear() {
        latencyMs = baseLatencyMs;
        dropAfterSentences.set(-1);
        stall = false;
        refuseLogins = false;
        closeNewConnections = false;
        failingCommands.clear();
        return this;
    }

    public int latencyMs() {
        return latencyMs;
    }

    public boolean stall() {
        return stall;
    }

    public boolean refuseLogins() {
        return refuseLogins;
    }

    public boolean closeNewConnections() {
        return closeNewConnections;
    }

    public int dropAfterSentencesRemaining() {
        return dropAfterSentences.get();
    }

    public Map<String, String> failingCommands() {
        return Map.copyOf(failingCommands);
    }

    public String failureFor(String command) {
        return failingCommands.isEmpty() ? null : failingCommands.get(command);
    }

    /** Counts one received sentence; true when this sentence must drop its connection. */
    public boolean consumeDrop() {
        while (true) {
            int n = dropAfterSentences.get();
            if (n < 0) {
                return false;
            }
            int next = n == 1 ? -1 : n - 1;
            if (dropAfterSentences.compareAndSet(n, next)) {
                return n == 1;
            }
        }
    }
}
