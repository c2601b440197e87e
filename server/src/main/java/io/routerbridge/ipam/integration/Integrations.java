package io.routerbridge.ipam.integration;

import io.routerbridge.ipam.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every integration, told of one committed assignment or release. Each integration gets its call even when an
 * earlier one failed, and no failure is thrown: the failures are answered, so the caller can report them while
 * IPAM's state stands. Integrations must be idempotent (an address may be added or removed more than once).
 */
public final class Integrations {
    public static final String ADD_IP = "addIp";
    public static final String REMOVE_IP = "removeIp";

    private static final Logger log = LoggerFactory.getLogger(Integrations.class);

    private final List<IpamIntegration> integrations;
    private final PushRetries retries;

    /** Failed pushes are only reported (tests that look at one integration's failures). */
    public Integrations(List<IpamIntegration> integrations) {
        this(integrations, PushRetries.NONE);
    }

    /** Failed pushes are reported and queued in {@code retries}, to be delivered later by {@link PushRetrier}. */
    public Integrations(List<IpamIntegration> integrations, PushRetries retries) {
        this.integrations = List.copyOf(integrations);
        this.retries = retries;
    }

    public static Integrations none() {
        return new Integrations(List.of());
    }

    public int size() {
        return integrations.size();
    }

    public List<IntegrationFailure> addIp(Assignment assignment) {
        return tellEach(ADD_IP, assignment, integration -> integration.addIp(assignment));
    }

    public List<IntegrationFailure> removeIp(Assignment assignment) {
        return tellEach(REMOVE_IP, assignment, integration -> integration.removeIp(assignment));
    }

    private String queueForRetry(String integration, String operation, Assignment assignment, String message) {
        try {
            return retries.failed(integration, operation, assignment, message) ? " (queued, retried in the background)"
                    : "";
        } catch (RuntimeException e) {
            log.warn("could not queue the failed {} of {} to {} for retry", operation, assignment.address(), integration, e);
            return " (not queued for retry: " + e.getMessage() + ")";
        }
    }

    /** A defect of the integration, not an outage: the trace is logged, IPAM's state is still never undone. */
    static String defect(String integration, String operation, Assignment assignment, RuntimeException e) {
        log.warn("integration {} failed on {} of {}", integration, operation, assignment.address(), e);
        return integration + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The failures as one line for logs and messages, e.g. "netbox: unreachable; webhook: HTTP 500". */
    public static String describe(List<IntegrationFailure> failures) {
        return String.join("; ", failures.stream().map(IntegrationFailure::message).toList());
    }

    private List<IntegrationFailure> tellEach(String operation, Assignment assignment, Predicate<IpamIntegration> call) {
        List<IntegrationFailure> failures = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        for (IpamIntegration integration : integrations) {
            String message;
            try {
                if (call.test(integration) && !integration.retriesItself()) {
                    delivered.add(integration.name());
                }
                continue;
            } catch (IntegrationException e) {
                message = e.getMessage();
            } catch (RuntimeException e) {
                message = defect(integration.name(), operation, assignment, e);
            }
            if (!integration.retriesItself()) {
                message += queueForRetry(integration.name(), operation, assignment, message);
            }
            failures.add(new IntegrationFailure(integration.name(), operation, assignment.address(), message));
        }
        try {
            retries.delivered(delivered, assignment.address());
        } catch (RuntimeException e) {
            // the push itself went through; a stale retry left behind is checked against IPAM before it is sent
            log.warn("could not clear older pending pushes of {}", assignment.address(), e);
        }
        return failures;
    }
}
