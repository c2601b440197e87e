package io.routerbridge.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 and IPv6, and every rule that differs between them. Reservation rules live here and nowhere
 * else: point-to-point and host prefixes (IPv4 /31 and /32, IPv6 /127 and /128) are fully usable,
 * and IPv6 has no broadcast address.
 */
public enum AddressFamily {
    IPV4(4, 32),
    IPV6(6, 128);

    private final int code;
    private final int bits;

    AddressFamily(int code, int bits) {
        this.code = code;
        this.bits = bits;
    }

    public int code() {
        return code;
    }

    public int bits() {
        return bits;
    }

    public static AddressFamily of(IPAddress address) {
        return address.isIPv4() ? IPV4 : IPV6;
    }

    public static AddressFamily fromCode(int code) {
        return switch (code) {
            case 4 -> IPV4;
            case 6 -> IPV6;
            default -> throw new IllegalArgumentException("unknown address family " + code);
        };
    }

    public boolean hasBroadcast() {
        return this == IPV4;
    }

    /** Prefixes too small to have a network (and broadcast) address of their own. */
    public boolean allAddressesUsable(int prefixLength) {
        return prefixLength >= bits - 1;
    }

    /** Number of addresses in a block of the given prefix length. */
    public BigInteger blockSize(int prefixLength) {
        return BigInteger.ONE.shiftLeft(bits - prefixLength);
    }

    /** Values that a subnet keeps out of allocation under its reservation rules (sorted, distinct). */
    public List<BigInteger> reservedValues(AddressRange subnet, int prefixLength, BigInteger gateway,
                                           ReservationRules rules) {
        List<BigInteger> reserved = new ArrayList<>();
        boolean hasNetworkAndBroadcast = !allAddressesUsable(prefixLength);
        if (rules.network() && hasNetworkAndBroadcast) {
            reserved.add(subnet.first());
        }
        if (rules.gateway() && gateway != null && !reserved.contains(gateway)) {
            reserved.add(gateway);
        }
        if (rules.broadcast() && hasBroadcast() && hasNetworkAndBroadcast && !reserved.contains(subnet.last())) {
            reserved.add(subnet.last());
        }
        reserved.sort(null);
        return reserved;
    }

    public IPAddress toAddress(BigInteger value) {
        return switch (this) {
            case IPV4 -> new IPv4Address(value.intValue());
            case IPV6 -> new IPv6Address(value);
        };
    }

    /** Canonical text: "10.0.0.5" for a single address, "10.0.8.0/29" for a larger block. */
    public String format(BigInteger first, int prefixLength) {
        IPAddress address = toAddress(first);
        return prefixLength == bits
                ? address.toCanonicalString()
                : address.setPrefixLength(prefixLength, false).toCanonicalString();
    }
}
