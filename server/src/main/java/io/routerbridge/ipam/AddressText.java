package io.routerbridge.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

import java.math.BigInteger;

/** Parsing of the address notations operators type: single addresses, CIDR blocks and "a-b" ranges. */
public final class AddressText {
    /**
     * Dotted-quad IPv4 and standard IPv6 text only. The library's defaults also read inet_aton forms ("10.1" is
     * 10.0.0.1, "1" is 0.0.0.1), RFC 1924 base-85 IPv6 (any 20 characters of its alphabet, e.g. a word) and zones;
     * in an IPAM request those are typos, not addresses.
     */
    private static final IPAddressStringParameters STRICT = strictParameters();

    private AddressText() {
    }

    /** {@code text} as an IP address string that accepts only the notations operators mean. */
    public static IPAddressString strict(String text) {
        return new IPAddressString(text, STRICT);
    }

    private static IPAddressStringParameters strictParameters() {
        IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefixOnly(false)
                .allow_inet_aton(false);
        builder.getIPv6AddressParametersBuilder().allowBase85(false).allowZone(false);
        return builder.toParams();
    }

    /** A CIDR block in its canonical network form; "10.0.0.1/24" is refused (not a network address). */
    static IPAddress parseNetwork(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IpamValidationException(field, field + " is required, e.g. 192.0.2.0/24");
        }
        IPAddressString parsed = strict(text.trim());
        IPAddress address = parsed.getAddress();
        if (address == null || address.isMultiple() && !address.isPrefixBlock()) {
            throw new IpamValidationException(field, "invalid CIDR: " + text.trim());
        }
        if (address.getNetworkPrefixLength() == null) {
            throw new IpamValidationException(field, "CIDR needs a prefix length, e.g. " + text.trim() + "/24");
        }
        IPAddress block = address.toPrefixBlock();
        if (!block.getLower().getValue().equals(address.getLower().getValue())) {
            throw new IpamValidationException(field, text.trim() + " is not a network address (did you mean "
                    + block.toCanonicalString() + "?)");
        }
        return block;
    }

    /** One address without prefix length. */
    static IPAddress parseAddress(String text, String field) {
        IPAddressString parsed = strict(text == null ? "" : text.trim());
        IPAddress address = parsed.getAddress();
        if (address == null || parsed.isPrefixed() || address.isMultiple()) {
            throw new IpamValidationException(field, "invalid IP address: " + text);
        }
        return address;
    }

    /** "a", "a-b" or a CIDR block, as a range of values of the expected family. */
    static AddressRange parseRange(String text, AddressFamily family, String field) {
        if (text == null || text.isBlank()) {
            throw new IpamValidationException(field, field + " must not be empty");
        }
        String trimmed = text.trim();
        AddressRange range;
        if (trimmed.contains("-")) {
            String[] ends = trimmed.split("-", 2);
            IPAddress from = parseAddress(ends[0], field);
            IPAddress to = parseAddress(ends[1], field);
            requireFamily(from, family, field);
            requireFamily(to, family, field);
            if (from.getValue().compareTo(to.getValue()) > 0) {
                throw new IpamValidationException(field, "range " + trimmed + " ends before it starts");
            }
            range = new AddressRange(from.getValue(), to.getValue());
        } else if (trimmed.contains("/")) {
            IPAddress block = parseNetwork(trimmed, field);
            requireFamily(block, family, field);
            range = new AddressRange(block.getLower().getValue(), block.getUpper().getValue());
        } else {
            IPAddress single = parseAddress(trimmed, field);
            requireFamily(single, family, field);
            range = AddressRange.single(single.getValue());
        }
        return range;
    }

    static void requireFamily(IPAddress address, AddressFamily family, String field) {
        if (AddressFamily.of(address) != family) {
            throw new IpamValidationException(field, address + " is not an " + (family == AddressFamily.IPV4 ? "IPv4" : "IPv6")
                    + " address");
        }
    }

    static BigInteger valueOf(String address, String field) {
        return parseAddress(address, field).getValue();
    }
}
