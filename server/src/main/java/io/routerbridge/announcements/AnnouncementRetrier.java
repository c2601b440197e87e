package io.routerbridge.announcements;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Background pass that converges routers which did not take announcements earlier (see {@link MikroTikIntegration#retryDue}). */
public final class AnnouncementRetrier implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementRetrier.class);
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private final MikroTikIntegration mikroTik;
    private final Clock clock;

    public AnnouncementRetrier(MikroTikIntegration mikroTik, Clock clock) {
        this.mikroTik = mikroTik;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            int converged = mikroTik.retryDue(clock.instant());
            if (converged > 0) {
                log.info("mikrotik: {} service(s) announced after an earlier failure", converged);
            }
        } catch (RuntimeException e) {
            log.warn("mikrotik retry pass failed: {}", e.getMessage());
        }
    }
}
