package io.routerbridge.provisioning;

import inet.ipaddr.IPAddress;

/** Small address checks shared by the service specs. */
final class Addresses {

    private Addresses() {
    }

    static IPAddress host(String field, String text) {
        IPAddress address = ValueNormalizer.parse(text);
        if (address == null || address.isPrefixed() && address.getNetworkPrefixLength() != address.getBitCount()) {
            throw new IllegalArgumentException(field + " must be a single IP address: " + text);
        }
        return address.withoutPrefixLength();
    }

    static IPAddress prefix(String field, String text) {
        IPAddress address = ValueNormalizer.parse(text);
        if (address == null || !address.isPrefixed()) {
            throw new IllegalArgumentException(field + " must be a prefix such as 10.64.0.8/29: " + text);
        }
        IPAddress block = address.toPrefixBlock();
        if (!block.getLower().withoutPrefixLength().equals(address.getLower().withoutPrefixLength())) {
            throw new IllegalArgumentException(field + " has host bits set: " + text);
        }
        return block;
    }

    static String text(IPAddress address) {
        return address.withoutPrefixLength().toCanonicalString();
    }

    /** Text of a prefix block, e.g. {@code 10.64.0.8/29}. */
    static String prefixText(IPAddress block) {
        return block.getLower().withoutPrefixLength().toCanonicalString() + "/" + block.getNetworkPrefixLength();
    }

    /** True when {@code address} lies in {@code block}; texts that are not addresses are never inside. */
    static boolean contains(IPAddress block, String address) {
        IPAddress parsed = ValueNormalizer.parse(address);
        return parsed != null && parsed.getIPVersion() == block.getIPVersion()
                && block.contains(parsed.withoutPrefixLength());
    }

    /** Whether two prefixes share any address. */
    static boolean overlap(String first, String second) {
        IPAddress a = ValueNormalizer.parse(first);
        IPAddress b = ValueNormalizer.parse(second);
        if (a == null || b == null || a.getIPVersion() != b.getIPVersion()) {
            return false;
        }
        IPAddress blockA = a.isPrefixed() ? a.toPrefixBlock() : a;
        IPAddress blockB = b.isPrefixed() ? b.toPrefixBlock() : b;
        return blockA.contains(blockB) || blockB.contains(blockA);
    }

    static void requireText(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
