package io.routerbridge.whmcs;

/** WHMCS server-module functions (CreateAccount, SuspendAccount, ...) answered at /whmcs/v1/module/{Function}. */
public final class ModuleFunctions extends HandlerRegistry {
    public ModuleFunctions() {
        super("module function");
    }
}
