package io.routerbridge.lifecycle;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-applies services whose last apply failed once their retry time (exponential backoff, kept in the database so
 * it survives restarts) has come.
 */
public final class FailedApplyRetrier implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(FailedApplyRetrier.class);
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ServiceLifecycle lifecycle;
    private final Clock clock;

    public FailedApplyRetrier(ServiceLifecycle lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            int converged = lifecycle.retryDue(clock.instant());
            if (converged > 0) {
                log.info("retrier: {} service(s) converged after an earlier failure", converged);
            }
        } catch (RuntimeException e) {
            log.warn("retrier pass failed: {}", e.getMessage());
        }
    }
}
