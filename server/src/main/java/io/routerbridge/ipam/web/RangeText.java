package io.routerbridge.ipam.web;

import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.AddressRange;

/** "10.0.0.5" for a single address, "10.0.0.10-10.0.0.20" for a range. */
final class RangeText {
    private RangeText() {
    }

    static String of(AddressFamily family, AddressRange range) {
        String first = family.toAddress(range.first()).toCanonicalString();
        return range.first().equals(range.last()) ? first
                : first + "-" + family.toAddress(range.last()).toCanonicalString();
    }
}
