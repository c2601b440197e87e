package io.routerbridge.routeros;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Per router: after {@code threshold} consecutive failed connection attempts the circuit opens and calls fail fast
 * for the cooldown; then one probe attempt is let through (half open) — success closes the circuit, failure opens
 * it for another cooldown.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final String router;
    private final int threshold;
    private final long cooldownNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openUntilNanos;
    private String lastFailure = "";

    CircuitBreaker(String router, int threshold, Duration cooldown, LongSupplier nanoClock) {
        this.router = router;
        this.threshold = threshold;
        this.cooldownNanos = cooldown.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Fails fast while the circuit is open or a probe is under way, without changing state. */
    synchronized void failFastIfOpen() {
        if (state == State.HALF_OPEN || (state == State.OPEN && openUntilNanos - nanoClock.getAsLong() > 0)) {
            beforeAttempt();
        }
    }

    /** Throws {@link RouterCircuitOpenException} unless a connection attempt may go ahead now. */
    synchronized void beforeAttempt() {
        switch (state) {
            case CLOSED -> { }
            case OPEN -> {
                long remaining = openUntilNanos - nanoClock.getAsLong();
                if (remaining > 0) {
                    long seconds = Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
                    throw new RouterCircuitOpenException(router + " unreachable: " + lastFailure
                            + " (circuit open, retry in " + seconds + "s)");
                }
                state = State.HALF_OPEN;
            }
            case HALF_OPEN -> throw new RouterCircuitOpenException(router + " unreachable: " + lastFailure
                    + " (circuit open, a probe connection is under way)");
            default -> throw new IllegalStateException(state.name());
        }
    }

    synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    synchronized void onFailure(String reason) {
        consecutiveFailures++;
        lastFailure = reason;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openUntilNanos = nanoClock.getAsLong() + cooldownNanos;
        }
    }

    synchronized State state() {
        return state;
    }
}
