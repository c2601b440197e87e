package io.routerbridge.lifecycle.web;

/** POST /api/v1/services/{id}/vpn-users. */
record VpnUserBody(String name, String password) {
    @Override
    public String toString() {
        return "VpnUserBody[name=" + name + ", password=******]";
    }
}
