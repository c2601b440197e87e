package io.routerbridge.ipam.configuration;

import java.time.Instant;

/** A named set of relations, e.g. "VPN tenants": which pools serve which products, servers, addons, options. */
public record Configuration(long id, String name, Instant createdAt) {
}
