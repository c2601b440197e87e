package io.routerbridge.whmcs;

/** Sees the parameters of every module function call before its handler runs (e.g. to remember the router). */
@FunctionalInterface
public interface ModuleCallListener {
    ModuleCallListener NONE = (function, params) -> { };

    void beforeModuleCall(String function, WhmcsParams params);
}
