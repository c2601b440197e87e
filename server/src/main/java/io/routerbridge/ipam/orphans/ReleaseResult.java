package io.routerbridge.ipam.orphans;

import io.routerbridge.ipam.integration.IntegrationFailure;
import java.util.List;

/**
 * What releasing one assignment did. {@code released} is false when it was not (or no longer) releasable;
 * {@code integrationErrors} lists the integrations that could not be told of the (committed) release.
 */
public record ReleaseResult(long assignmentId, Long serviceId, String address, boolean released,
                            boolean clearedInWhmcs, String detail, List<IntegrationFailure> integrationErrors) {
    public ReleaseResult {
        integrationErrors = List.copyOf(integrationErrors);
    }

    public ReleaseResult(long assignmentId, Long serviceId, String address, boolean released, boolean clearedInWhmcs,
                         String detail) {
        this(assignmentId, serviceId, address, released, clearedInWhmcs, detail, List.of());
    }
}
