package io.routerbridge.ipam.whmcs;

import io.routerbridge.errors.UnavailableException;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.integration.IntegrationFailure;
import io.routerbridge.ipam.integration.Integrations;
import io.routerbridge.whmcs.ModuleResult;
import io.routerbridge.whmcs.WhmcsParams;
import java.util.ArrayList;
import java.util.List;

/**
 * The AfterModuleCreate hook: the service exists in WHMCS now, so every address it holds is pushed
 * through the integrations. A failing integration is reported to WHMCS (module log) and never undoes
 * the assignment; the other integrations still get their push.
 */
public final class AfterCreatePush {
    public static final String HOOK = "AfterModuleCreate";

    private final IpAllocator allocator;
    private final Integrations integrations;

    public AfterCreatePush(IpAllocator allocator, Integrations integrations) {
        this.allocator = allocator;
        this.integrations = integrations;
    }

    public ModuleResult handle(WhmcsParams vars) {
        WhmcsParams params = vars.has("params") ? vars.params() : vars;
        List<Assignment> held = allocator.assignmentsOf(params.serviceId()).stream()
                .filter(assignment -> assignment.status() == AssignmentStatus.ASSIGNED)
                .toList();
        List<IntegrationFailure> failures = new ArrayList<>();
        held.forEach(assignment -> failures.addAll(integrations.addIp(assignment)));
        if (!failures.isEmpty()) {
            throw new UnavailableException("service " + params.serviceId() + " keeps its addresses, but pushing them "
                    + "failed: " + Integrations.describe(failures));
        }
        return ModuleResult.success().with("pushed", held.size() * integrations.size());
    }
}
