package io.routerbridge.provisioning;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place where values written to the router and values read back are brought to a common form, so a
 * converged router compares equal: {@code 10M/10M} vs {@code 10000000/10000000}, {@code yes} vs {@code true},
 * {@code 10.0.0.5} vs {@code 10.0.0.5/32}, {@code 6} vs {@code tcp}. Values it cannot parse are compared as written.
 */
public final class ValueNormalizer {

    private ValueNormalizer() {
    }

    public static String normalize(Menu menu, String attribute, String value) {
        if (value == null) {
            return null;
        }
        return switch (menu.kindOf(attribute)) {
            case TEXT -> value;
            case BOOLEAN -> bool(value);
            case RATE_PAIR -> ratePair(value);
            case INTERFACE_ADDRESS -> interfaceAddress(value);
            case NETWORK -> network(value);
            case NETWORK_LIST -> networkList(value);
            case PROTOCOL -> protocol(value);
        };
    }

    static String bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> "true";
            case "no", "false" -> "false";
            default -> value;
        };
    }

    static String ratePair(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2) {
            return value;
        }
        String up = bits(parts[0]);
        String down = parts.length == 2 ? bits(parts[1]) : up;
        return up == null || down == null ? value : up + "/" + down;
    }

    /** True for an {@code upload/download} rate such as {@code 10M/5M} (or one rate for both). */
    public static boolean isRatePair(String value) {
        return value != null && ratePair(value).matches("\\d+/\\d+");
    }

    /** A rate such as {@code 10M}, {@code 1.5M}, {@code 512k} or {@code 10000000} in bits/s, or null. */
    static String bits(String rate) {
        String text = rate.trim();
        if (text.endsWith("bps")) {
            text = text.substring(0, text.length() - 3);
        }
        if (text.isEmpty()) {
            return null;
        }
        long multiplier = switch (text.charAt(text.length() - 1)) {
            case 'k', 'K' -> 1_000L;
            case 'M' -> 1_000_000L;
            case 'G' -> 1_000_000_000L;
            case 'T' -> 1_000_000_000_000L;
            default -> 1L;
        };
        String number = multiplier == 1L ? text : text.substring(0, text.length() - 1);
        try {
            BigDecimal result = new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier));
            if (result.signum() < 0) {
                return null;
            }
            return result.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String interfaceAddress(String value) {
        long v4 = ipv4(value);
        if (v4 >= 0) {
            return dotted(v4 >>> 8) + "/" + (v4 & 0xFF);
        }
        IPAddress address = parse(value);
        if (address == null) {
            return value;
        }
        int length = address.isPrefixed() ? address.getNetworkPrefixLength() : address.getBitCount();
        return address.getLower().withoutPrefixLength().toCanonicalString() + "/" + length;
    }

    static String network(String value) {
        if (value.startsWith("!")) {
            return "!" + network(value.substring(1));
        }
        long v4 = ipv4(value);
        if (v4 >= 0) {
            int length = (int) (v4 & 0xFF);
            long address = v4 >>> 8;
            if (length == 32) {
                return dotted(address);
            }
            long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
            return dotted(address & mask) + "/" + length;
        }
        int dash = value.indexOf('-');
        if (dash > 0) {
            IPAddress from = parse(value.substring(0, dash));
            IPAddress to = parse(value.substring(dash + 1));
            if (from == null || to == null || from.isPrefixed() || to.isPrefixed()) {
                return value;
            }
            if (from.equals(to)) {
                return host(from);
            }
            IPAddress cover = from.spanWithRange(to).coverWithPrefixBlock();
            if (host(cover).equals(host(from)) && host(cover.getUpper()).equals(host(to))) {
                return prefix(cover);
            }
            return host(from) + "-" + host(to);
        }
        IPAddress address = parse(value);
        if (address == null) {
            return value;
        }
        return prefix(address);
    }

    static String networkList(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            parts.add(network(part.trim()));
        }
        return String.join(",", parts);
    }

    static String protocol(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "1" -> "icmp";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "47" -> "gre";
            case "50" -> "ipsec-esp";
            case "51" -> "ipsec-ah";
            default -> lower;
        };
    }

    /**
     * Fast path for the common case, dotted IPv4 with an optional {@code /len}: the address shifted left by 8 with
     * the length (32 when absent) in the low byte, or -1 when the text is anything else.
     */
    private static long ipv4(String text) {
        long address = 0;
        int octets = 0;
        int i = 0;
        int n = text.length();
        while (octets < 4) {
            int start = i;
            int octet = 0;
            while (i < n && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                octet = octet * 10 + (text.charAt(i++) - '0');
            }
            if (i == start || octet > 255 || (i - start > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            address = (address << 8) | octet;
            octets++;
            if (octets < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        int length = 32;
        if (i < n) {
            if (text.charAt(i) != '/' || i + 1 == n || n - i - 1 > 2) {
                return -1;
            }
            length = 0;
            for (int j = i + 1; j < n; j++) {
                char c = text.charAt(j);
                if (c < '0' || c > '9') {
                    return -1;
                }
                length = length * 10 + (c - '0');
            }
            if (length > 32) {
                return -1;
            }
        }
        return (address << 8) | length;
    }

    private static String dotted(long address) {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    /** Parses a numeric IP address or prefix without ever resolving names; null when it is not one. */
    static IPAddress parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        IPAddressString parsed = new IPAddressString(text.trim());
        if (!parsed.isIPAddress()) {
            return null;
        }
        return parsed.getAddress();
    }

    private static String prefix(IPAddress address) {
        if (!address.isPrefixed() || address.getNetworkPrefixLength() == address.getBitCount()) {
            return host(address);
        }
        int length = address.getNetworkPrefixLength();
        return address.toPrefixBlock().getLower().withoutPrefixLength().toCanonicalString() + "/" + length;
    }

    private static String host(IPAddress address) {
        return address.getLower().withoutPrefixLength().toCanonicalString();
    }
}
