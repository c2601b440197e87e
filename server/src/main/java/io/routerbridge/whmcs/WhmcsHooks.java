package io.routerbridge.whmcs;

/** WHMCS hooks (PreModuleCreate, AfterModuleTerminate, DailyCronJob, ...) answered at /whmcs/v1/hook/{Hook}. */
public final class WhmcsHooks extends HandlerRegistry {
    public WhmcsHooks() {
        super("hook");
    }
}
