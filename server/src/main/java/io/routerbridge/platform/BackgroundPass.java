package io.routerbridge.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * Periodic work of a module: {@code work} runs {@code firstAfter} after start, then {@code every} after the end of
 * the previous run. Each pass gets its own thread, so a pass stuck on an unreachable router or endpoint delays no
 * other. The work must catch and log its own failures (an escaping exception ends the pass).
 */
public record BackgroundPass(String name, Duration firstAfter, Duration every, Runnable work) {
    public BackgroundPass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(firstAfter, "firstAfter");
        Objects.requireNonNull(work, "work");
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("background pass " + name + " needs a positive interval");
        }
    }
}
