package io.routerbridge.ipam.actionlog;

/**
 * Who caused an action: a WHMCS admin, a REST API key, a client in the WHMCS client area (by client id),
 * WHMCS itself (module calls, cron) or the service.
 */
public record Actor(ActorType type, String name) {
    public static final Actor WHMCS = new Actor(ActorType.WHMCS, "whmcs");
    public static final Actor SYSTEM = new Actor(ActorType.SYSTEM, "routerbridge");

    public static Actor admin(long adminId) {
        return new Actor(ActorType.ADMIN, Long.toString(adminId));
    }

    public static Actor client(long clientId) {
        return new Actor(ActorType.CLIENT, Long.toString(clientId));
    }

    public static Actor apiKey(String keyName) {
        return new Actor(ActorType.API_KEY, keyName);
    }

    public enum ActorType {
        ADMIN, API_KEY, CLIENT, WHMCS, SYSTEM
    }
}
