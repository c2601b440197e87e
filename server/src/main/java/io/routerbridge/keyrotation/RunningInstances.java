package io.routerbridge.keyrotation;

import io.routerbridge.config.MasterKeys;
import io.routerbridge.keyrotation.InstanceRepository.Instance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's entry in the list of running instances and the master keys they read: reported at start and every
 * {@link #HEARTBEAT}, removed at a clean stop. An instance not seen for {@link #LIVE} counts as gone.
 */
public final class RunningInstances {
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    public static final Duration LIVE = HEARTBEAT.multipliedBy(3);
    private static final Duration FORGOTTEN = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(RunningInstances.class);

    private final InstanceRepository repository;
    private final MasterKeys keys;
    private final Clock clock;
    private final String instanceId = UUID.randomUUID().toString();
    private final Instant startedAt;

    public RunningInstances(InstanceRepository repository, MasterKeys keys, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Reports this instance alive with the key ids it reads; a failure is logged and retried next time. */
    public void heartbeat() {
        try {
            Instant now = clock.instant();
            repository.report(instanceId, hostName(), keys.knownIds(), startedAt, now);
            repository.forgetSeenBefore(now.minus(FORGOTTEN));
        } catch (RuntimeException e) {
            log.warn("cannot report this instance's master key ids: {}", e.toString());
        }
    }

    public void leave() {
        try {
            repository.remove(instanceId);
        } catch (RuntimeException e) {
            log.warn("cannot remove this instance from the running instances: {}", e.toString());
        }
    }

    /** Instances seen within {@link #LIVE} of {@code now}. */
    public static List<Instance> live(InstanceRepository repository, Instant now) {
        return repository.seenSince(now.minus(LIVE));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
