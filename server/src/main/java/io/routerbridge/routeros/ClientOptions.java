package io.routerbridge.routeros;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RouterClients}.
 *
 * @param connectTimeout         for TCP connect, the TLS handshake and the login, each
 * @param commandTimeout         per command, from sending to {@code !done}
 * @param connectionsPerRouter   pooled connections per router; commands are pipelined on each of them
 * @param breakerThreshold       consecutive failed connection attempts that open a router's circuit
 * @param breakerCooldown        how long an open circuit fails calls fast before one probe is let through
 * @param keepaliveInterval      idle connections are probed this often (a silent one is discarded); null = off
 * @param trustOnFirstUse        accept an unpinned TLS router's certificate and report its fingerprint
 * @param firstUseListener       told the fingerprint accepted on first use, so the caller can store it
 */
public record ClientOptions(Duration connectTimeout, Duration commandTimeout, int connectionsPerRouter,
                            int breakerThreshold, Duration breakerCooldown, Duration keepaliveInterval,
                            boolean trustOnFirstUse, FirstUseListener firstUseListener) {

    /** Receives the fingerprint of a certificate accepted by trust-on-first-use. */
    @FunctionalInterface
    public interface FirstUseListener {
        void certificateSeen(RouterEndpoint endpoint, String sha256);
    }

    public ClientOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(breakerCooldown, "breakerCooldown");
        if (keepaliveInterval != null) {
            requirePositive(keepaliveInterval, "keepaliveInterval");
        }
        if (connectionsPerRouter < 1) {
            throw new IllegalArgumentException("connectionsPerRouter must be at least 1");
        }
        if (breakerThreshold < 1) {
            throw new IllegalArgumentException("breakerThreshold must be at least 1");
        }
        if (firstUseListener == null) {
            firstUseListener = (endpoint, sha256) -> { };
        }
    }

    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), 1, 3, Duration.ofSeconds(30),
                Duration.ofSeconds(60), false, null);
    }

    public ClientOptions withConnectTimeout(Duration value) {
        return new ClientOptions(value, commandTimeout, connectionsPerRouter, breakerThreshold, breakerCooldown,
                keepaliveInterval, trustOnFirstUse, firstUseListener);
    }

    public ClientOptions withCommandTimeout(Duration value) {
        return new ClientOptions(connectTimeout, value, connectionsPerRouter, breakerThreshold, breakerCooldown,
                keepaliveInterval, trustOnFirstUse, firstUseListener);
    }

    public ClientOptions withConnectionsPerRouter(int value) {
        return new ClientOptions(connectTimeout, commandTimeout, value, breakerThreshold, breakerCooldown,
                keepaliveInterval, trustOnFirstUse, firstUseListener);
    }

    public ClientOptions withBreaker(int threshold, Duration cooldown) {
        return new ClientOptions(connectTimeout, commandTimeout, connectionsPerRouter, threshold, cooldown,
                keepaliveInterval, trustOnFirstUse, firstUseListener);
    }

    /** null turns keepalive off. */
    public ClientOptions withKeepaliveInterval(Duration value) {
        return new ClientOptions(connectTimeout, commandTimeout, connectionsPerRouter, breakerThreshold, breakerCooldown,
                value, trustOnFirstUse, firstUseListener);
    }

    public ClientOptions withTrustOnFirstUse(FirstUseListener listener) {
        return new ClientOptions(connectTimeout, commandTimeout, connectionsPerRouter, breakerThreshold, breakerCooldown,
                keepaliveInterval, true, listener);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
