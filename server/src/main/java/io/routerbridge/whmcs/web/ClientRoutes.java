package io.routerbridge.whmcs.web;


/**
 * One capability's part of the client area's signed routes under {@code /whmcs/v1/client/{clientId}}
 * (the IP list now; VPN users and port forwards later). Use ApiBuilder's get/post/delete with paths
 * relative to where each method runs. The PHP addon puts the logged-in client's id into the path, and the
 * path is covered by the request signature.
 */
public interface ClientRoutes {
    /**
     * Routes about the client as a whole, relative to {@code /whmcs/v1/client/{clientId}}; read the
     * client with {@link ClientChannel#clientId}. Whatever they return must be limited to that client.
     */
    default void addClientRoutes() {
    }

    /**
     * Routes about one service, relative to {@code /whmcs/v1/client/{clientId}/services/{serviceId}}.
     * They run only once the service is known to be the client's; read it with {@link ClientChannel#ownedService}.
     */
    default void addServiceRoutes() {
    }
}
