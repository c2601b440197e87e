package io.routerbridge.ipam.whmcs;

import io.routerbridge.errors.UnavailableException;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.assignments.Assignments;
import io.routerbridge.ipam.integration.IntegrationFailure;
import io.routerbridge.ipam.integration.Integrations;
import io.routerbridge.ipam.orphans.ReleaseResult;
import io.routerbridge.whmcs.ModuleResult;
import io.routerbridge.whmcs.WhmcsParams;
import java.util.List;

/**
 * The AfterModuleTerminate hook: WHMCS terminated a service of another server module (cPanel, Proxmox, ...) that
 * got its addresses at PreModuleCreate, so every address it holds is released through the shared release path
 * (tblhosting cleared, integrations told, action logged). Idempotent: a repeat finds nothing held. routerbridge's
 * own products are left alone: their TerminateAccount released already (and WHMCS runs this hook only after it
 * succeeded). A failing integration is reported to WHMCS (activity log); the release stands.
 */
public final class AfterTerminateRelease {
    public static final String HOOK = "AfterModuleTerminate";
    static final String OWN_MODULE = "routerbridge";

    private final Assignments assignments;

    public AfterTerminateRelease(Assignments assignments) {
        this.assignments = assignments;
    }

    public ModuleResult handle(WhmcsParams vars) {
        WhmcsParams params = vars.has("params") ? vars.params() : vars;
        long serviceId = params.serviceId();
        if (OWN_MODULE.equals(params.moduleType())) {
            return ModuleResult.success().with("released", 0);
        }
        List<ReleaseResult> results = assignments.releaseAllOf(serviceId, Actor.WHMCS, HOOK + ": service terminated");
        List<IntegrationFailure> failures = results.stream().flatMap(r -> r.integrationErrors().stream()).toList();
        if (!failures.isEmpty()) {
            throw new UnavailableException("service " + serviceId + "'s addresses are released, but telling the "
                    + "integrations failed: " + Integrations.describe(failures));
        }
        return ModuleResult.success().with("released", results.stream().filter(ReleaseResult::released).count());
    }
}
