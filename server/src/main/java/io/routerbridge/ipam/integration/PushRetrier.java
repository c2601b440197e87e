package io.routerbridge.ipam.integration;

import io.routerbridge.errors.NotFoundException;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the pushes that failed earlier (background pass every {@link #INTERVAL}, or one now on an operator's
 * request). A push that no longer says what IPAM holds is dropped unsent, as is one to an integration turned off
 * since; a delivered one is logged.
 */
public final class PushRetrier implements Runnable {
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(PushRetrier.class);

    private final PushRetryRepository retries;
    private final Map<String, IpamIntegration> integrations;
    private final ActionLog actionLog;
    private final Clock clock;

    public PushRetrier(PushRetryRepository retries, List<IpamIntegration> integrations, ActionLog actionLog,
                       Clock clock) {
        this.retries = retries;
        this.integrations = integrations.stream()
                .collect(Collectors.toUnmodifiableMap(IpamIntegration::name, Function.identity()));
        this.actionLog = actionLog;
        this.clock = clock;
    }

    /** What became of one attempt. {@code error} is set only for {@link Result#FAILED}. */
    public record Outcome(long id, Result result, String error) {
    }

    public enum Result {
        DELIVERED, SUPERSEDED, FAILED
    }

    @Override
    public void run() {
        try {
            retryDue();
        } catch (RuntimeException e) {
            log.warn("integration push retry pass failed: {}", e.getMessage());
        }
    }

    /**
     * Attempts the pushes whose time has come; answers how many were delivered. After an integration fails once in a
     * pass, its other pushes wait for the next pass: an endpoint that is down costs one timeout per pass, not one
     * per pending push.
     */
    public int retryDue() {
        int delivered = 0;
        Set<String> failing = new HashSet<>();
        for (PushRetry retry : retries.due(clock.instant(), BATCH)) {
            if (failing.contains(retry.integration())) {
                continue;
            }
            Result result = attempt(retry).result();
            if (result == Result.DELIVERED) {
                delivered++;
            } else if (result == Result.FAILED) {
                failing.add(retry.integration());
            }
        }
        return delivered;
    }

    /** Attempts one pending push now, whatever its retry time. */
    public Outcome retryNow(long id) {
        return attempt(retries.find(id).orElseThrow(() -> new NotFoundException("no pending push " + id)));
    }

    public List<PushRetry> pending(int limit) {
        return retries.list(limit);
    }

    /** The operator gives up on a push: it is forgotten and the action log says so. */
    public void drop(long id, Actor actor) {
        PushRetry retry = retries.find(id).orElseThrow(() -> new NotFoundException("no pending push " + id));
        if (retries.remove(id)) {
            record(actor, retry, retry.integration() + ": " + retry.operation() + " dropped after "
                    + retry.attempts() + " failed attempt(s); last error: " + retry.lastError());
        }
    }

    private Outcome attempt(PushRetry retry) {
        if (!retries.stillWanted(retry)) {
            retries.removeIfUnchanged(retry);
            return new Outcome(retry.id(), Result.SUPERSEDED, null);
        }
        IpamIntegration integration = integrations.get(retry.integration());
        boolean told;
        try {
            if (integration == null) {
                throw new IntegrationException(retry.integration(), "no such integration in this service");
            }
            Assignment assignment = retry.assignment();
            told = Integrations.REMOVE_IP.equals(retry.operation())
                    ? integration.removeIp(assignment) : integration.addIp(assignment);
        } catch (IntegrationException e) {
            retries.failedAgain(retry, e.getMessage());
            return new Outcome(retry.id(), Result.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            String error = Integrations.defect(retry.integration(), retry.operation(), retry.assignment(), e);
            retries.failedAgain(retry, error);
            return new Outcome(retry.id(), Result.FAILED, error);
        }
        if (!told) {
            if (retries.removeIfUnchanged(retry)) {
                record(Actor.SYSTEM, retry, retry.integration() + ": " + retry.operation() + " not sent: the "
                        + "integration has been turned off since");
            }
            return new Outcome(retry.id(), Result.SUPERSEDED, null);
        }
        if (retries.removeIfUnchanged(retry)) {
            record(Actor.SYSTEM, retry, retry.integration() + ": " + retry.operation() + " delivered after "
                    + retry.attempts() + " failed attempt(s)");
        }
        return new Outcome(retry.id(), Result.DELIVERED, null);
    }

    private void record(Actor actor, PushRetry retry, String detail) {
        Assignment assignment = retry.assignment();
        actionLog.record(actor, ActionLog.PUSH, assignment.serviceId(), assignment.address(), assignment.id(), detail);
    }
}
