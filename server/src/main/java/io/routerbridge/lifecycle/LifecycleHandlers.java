package io.routerbridge.lifecycle;

import io.routerbridge.whmcs.ModuleFunctions;
import io.routerbridge.whmcs.ModuleResult;
import io.routerbridge.whmcs.WhmcsHandler;
import io.routerbridge.whmcs.WhmcsParams;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The WHMCS edge of the lifecycle: the server module's functions (PreModuleCreate's assignment is IPAM's hook). */
public final class LifecycleHandlers {
    private static final Logger log = LoggerFactory.getLogger(LifecycleHandlers.class);

    private final ServiceLifecycle lifecycle;
    private final RouterProbe probe;

    public LifecycleHandlers(ServiceLifecycle lifecycle, RouterProbe probe) {
        this.lifecycle = lifecycle;
        this.probe = probe;
    }

    public void register(ModuleFunctions functions) {
        functions.register("CreateAccount", succeeding(lifecycle::create));
        functions.register("SuspendAccount", succeeding(params -> lifecycle.suspend(params.serviceId())));
        functions.register("UnsuspendAccount", succeeding(params -> lifecycle.unsuspend(params.serviceId())));
        functions.register("TerminateAccount", succeeding(params -> lifecycle.terminate(params.serviceId())));
        functions.register("ChangePackage", succeeding(lifecycle::changePackage));
        functions.register("ChangePassword", this::changePassword);
        functions.register("TestConnection", succeeding(probe::testConnection));
        functions.register("LoadPppProfiles", params -> ModuleResult.success(
                Map.of("profiles", probe.pppProfiles(params))));
    }

    private ModuleResult changePassword(WhmcsParams params) {
        if (!lifecycle.changePassword(params)) {
            log.info("ChangePassword for service {}: its mode has no PPP secret of the service's own, nothing to "
                    + "change", params.serviceId());
        }
        return ModuleResult.success();
    }

    /** Success once the action returned; its failures are exceptions the error mapper answers. */
    private static WhmcsHandler succeeding(Consumer<WhmcsParams> action) {
        return params -> {
            action.accept(params);
            return ModuleResult.success();
        };
    }
}
