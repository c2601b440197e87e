package io.routerbridge.fleet;

import io.routerbridge.whmcs.ModuleCallListener;
import io.routerbridge.whmcs.WhmcsParams;

/**
 * Every module call carries the router's current (decrypted) credentials; keeps our encrypted copy in step.
 * TestConnection is skipped: its parameters come from the unsaved server form.
 */
public final class RememberRouter implements ModuleCallListener {
    private final RouterRegistry registry;

    public RememberRouter(RouterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeModuleCall(String function, WhmcsParams params) {
        if ("TestConnection".equals(function) || params.serverId() <= 0 || params.serverHost().isEmpty()) {
            return;
        }
        int port = params.serverPort().orElse(0);
        registry.upsertFromWhmcs(params.serverId(), params.serverHost(), port, params.serverSecure(),
                params.serverUsername(), params.serverPassword());
    }
}
