package io.routerbridge.ipam.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.integration.IntegrationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An assignment as the REST API shows it; {@code address} is "192.0.2.10" or "10.8.0.16/29". Answers to assign and
 * unassign add {@code integrationErrors} (the integrations that could not be told; empty when all were).
 */
record AssignmentView(long id, long poolId, long subnetId, long serviceId, int family, String address,
                      String firstAddress, int prefixLength, String status, Instant assignedAt, Instant releasedAt,
                      Instant reusableAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<IntegrationFailure> integrationErrors) {

    static AssignmentView of(Assignment a) {
        return of(a, null);
    }

    static AssignmentView of(Assignment a, List<IntegrationFailure> integrationErrors) {
        return new AssignmentView(a.id(), a.poolId(), a.subnetId(), a.serviceId(), a.family().code(), a.address(),
                a.firstAddress(), a.prefixLength(), a.status().name().toLowerCase(Locale.ROOT), a.assignedAt(),
                a.releasedAt(), a.reusableAt(), integrationErrors);
    }

    static List<AssignmentView> of(List<Assignment> assignments) {
        return assignments.stream().map(AssignmentView::of).toList();
    }
}
