package io.routerbridge.ipam.netbox;

/**
 * A NetBox prefix or IP address as far as routerbridge cares: {@code value} is the "prefix" or the
 * "address" field (an IP address carries its mask, e.g. "10.0.0.5/24"), {@code status} the status value.
 */
public record NetBoxObject(long id, String value, String status, String description) {
}
