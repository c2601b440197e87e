package io.routerbridge.emulator.tracer;

import io.routerbridge.emulator.ip.Ipv4;

/**
 * An inclusive IPv4 range written as RouterOS writes {@code ipRange} values: "10.0.0.5",
 * "10.0.0.0/24" (host bits ignored) or "10.0.0.1-10.0.0.50".
 */
record AddressRange(long first, long last, int prefixLength) {

    static AddressRange parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        if (slash >= 0) {
            int length = parsePrefixLength(value.substring(slash + 1), text);
            long network = Ipv4.require(value.substring(0, slash)) & Ipv4.mask(length);
            return new AddressRange(network, network | (~Ipv4.mask(length) & 0xFFFFFFFFL), length);
        }
        int dash = value.indexOf('-');
        if (dash >= 0) {
            long first = Ipv4.require(value.substring(0, dash));
            long last = Ipv4.require(value.substring(dash + 1));
            if (last < first) {
                throw new IllegalArgumentException("range ends before it starts: " + text);
            }
            return new AddressRange(first, last, -1);
        }
        long single = Ipv4.require(value);
        return new AddressRange(single, single, 32);
    }

    private static int parsePrefixLength(String text, String whole) {
        if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("bad prefix length: " + whole);
        }
        int length = Integer.parseInt(text);
        if (length > 32) {
            throw new IllegalArgumentException("bad prefix length: " + whole);
        }
        return length;
    }

    boolean contains(long address) {
        return address >= first && address <= last;
    }

    boolean isPrefix() {
        return prefixLength >= 0;
    }
}
