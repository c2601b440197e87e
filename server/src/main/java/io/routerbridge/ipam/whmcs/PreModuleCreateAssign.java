package io.routerbridge.ipam.whmcs;

import io.routerbridge.ipam.assignments.ServiceAddresses;
import io.routerbridge.whmcs.ModuleResult;
import io.routerbridge.whmcs.WhmcsParams;
import java.util.Map;

/**
 * The PreModuleCreate hook: assigns the service's addresses before its module creates it (any server module).
 * WHMCS hands the module parameters under {@code params}; the answer's fields are merged into them.
 */
public final class PreModuleCreateAssign {
    public static final String HOOK = "PreModuleCreate";

    private final ServiceAddresses addresses;

    public PreModuleCreateAssign(ServiceAddresses addresses) {
        this.addresses = addresses;
    }

    public ModuleResult handle(WhmcsParams vars) {
        WhmcsParams params = vars.has("params") ? vars.params() : vars;
        ServiceAddresses.Assigned assigned = addresses.assign(params.serviceId(), params.productId(),
                params.serverId());
        if (assigned.dedicatedIp().isEmpty()) {
            return ModuleResult.success();
        }
        return ModuleResult.success(Map.of("dedicatedip", assigned.dedicatedIp(),
                "assignedips", assigned.assignedIpsText()));
    }
}
