package io.routerbridge.routeros;

import java.util.Objects;

/**
 * How to reach and log in to one router.
 *
 * @param pinnedSha256 SHA-256 fingerprint of the router's DER certificate (hex; case and colons ignored), or null
 *                     when not pinned yet (then TLS connects only in trust-on-first-use mode)
 */
public record RouterEndpoint(String host, int port, boolean tls, String pinnedSha256, String username, String password) {
    public RouterEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (host.isBlank()) {
            throw new IllegalArgumentException("router host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("router port out of range: " + port);
        }
        if (pinnedSha256 != null) {
            pinnedSha256 = CertificatePins.normalize(pinnedSha256);
        }
    }

    public static RouterEndpoint plain(String host, int port, String username, String password) {
        return new RouterEndpoint(host, port, false, null, username, password);
    }

    public static RouterEndpoint tls(String host, int port, String pinnedSha256, String username, String password) {
        return new RouterEndpoint(host, port, true, pinnedSha256, username, password);
    }

    /** host:port, for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "RouterEndpoint[" + address() + (tls ? " tls" : "") + (pinnedSha256 != null ? " pinned" : "")
                + " user=" + username + "]";
    }
}
