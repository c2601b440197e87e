package io.routerbridge.ipam.integration;

import io.routerbridge.ipam.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells every integration of a committed release. Each integration gets its call even when an earlier
 * one failed; the failures are then reported together.
 */
public final class ReleaseNotifier implements Consumer<Assignment> {
    private final List<IpamIntegration> integrations;

    public ReleaseNotifier(List<IpamIntegration> integrations) {
        this.integrations = List.copyOf(integrations);
    }

    @Override
    public void accept(Assignment released) {
        List<IntegrationException> failures = new ArrayList<>();
        for (IpamIntegration integration : integrations) {
            try {
                integration.removeIp(released);
            } catch (IntegrationException e) {
                failures.add(e);
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            throw new IntegrationException("integrations",
                    String.join("; ", failures.stream().map(IntegrationException::getMessage).toList()));
        }
    }
}
