package io.routerbridge.ipam.exchange;

/**
 * A subnet as it appears in an exchange file. {@code parent} is the parent's CIDR (ids do not carry
 * over between installations); {@code excluded} is a space-separated list of addresses and "a-b" ranges.
 */
public record SubnetEntry(String cidr, String parent, String gateway, String excluded, boolean reserveNetwork,
                          boolean reserveGateway, boolean reserveBroadcast, String description) {
}
