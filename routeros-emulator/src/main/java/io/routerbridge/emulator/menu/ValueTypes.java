package io.routerbridge.emulator.menu;

import io.routerbridge.emulator.ip.Ipv4;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The value types the menus use. */
public final class ValueTypes {
    private ValueTypes() {
    }

    public static final ValueType TEXT = (f, raw, s) -> raw;

    public static final ValueType BOOLEAN = (f, raw, s) -> switch (raw.toLowerCase(Locale.ROOT)) {
        case "yes", "true" -> "true";
        case "no", "false" -> "false";
        default -> throw ApiError.invalidValue(f);
    };

    public static final ValueType INTEGER = (f, raw, s) -> {
        try {
            return Long.toString(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw ApiError.invalidValue(f);
        }
    };

    public static final ValueType IPV4 = (f, raw, s) -> {
        if (Ipv4.parse(raw) < 0) {
            throw ApiError.invalidValue(f);
        }
        return raw;
    };

    /** ip[/len]; a bare address becomes /32. Host bits are kept (as /ip/address does). */
    public static final ValueType IPV4_WITH_PREFIX = (f, raw, s) -> {
        long[] p = Ipv4.parsePrefix(raw);
        if (p == null) {
            throw ApiError.invalidValue(f);
        }
        return Ipv4.format(p[0]) + "/" + p[1];
    };

    /** Firewall address matcher: ip, prefix or range, optionally negated with '!'. */
    public static final ValueType IP_MATCHER = (f, raw, s) -> {
        boolean neg = raw.startsWith("!");
        String body = neg ? raw.substring(1) : raw;
        if (Ipv4.parseRange(body) == null) {
            throw ApiError.invalidValue(f);
        }
        return raw;
    };

    /** One IP or an a-b range (NAT to-addresses). */
    public static final ValueType IP_OR_RANGE = (f, raw, s) -> {
        if (raw.contains("/") || Ipv4.parseRange(raw) == null) {
            throw ApiError.invalidValue(f);
        }
        return raw;
    };

    /** Comma list of ports and a-b ranges, optionally negated as a whole. */
    public static final ValueType PORTS = (f, raw, s) -> {
        String body = raw.startsWith("!") ? raw.substring(1) : raw;
        if (body.isEmpty()) {
            throw ApiError.invalidValue(f);
        }
        for (String part : body.split(",", -1)) {
            String[] ends = part.split("-", -1);
            if (ends.length > 2) {
                throw ApiError.invalidValue(f);
            }
            int prev = -1;
            for (String e : ends) {
                if (e.isEmpty() || e.length() > 5 || !e.chars().allMatch(Character::isDigit)) {
                    throw ApiError.invalidValue(f);
                }
                int port = Integer.parseInt(e);
                if (port > 65535 || port < prev) {
                    throw ApiError.invalidValue(f);
                }
                prev = port;
            }
        }
        return raw;
    };

    private static final List<String> PROTOCOLS = List.of("dccp", "ddp", "egp", "encap", "etherip", "ggp", "gre",
            "hmp", "icmp", "icmpv6", "idpr-cmtp", "igmp", "ipencap", "ipip", "ipsec-ah", "ipsec-esp", "ipv6",
            "ipv6-frag", "ipv6-nonxt", "ipv6-opts", "ipv6-route", "iso-tp4", "l2tp", "ospf", "pim", "pup", "rdp",
            "rspf", "rsvp", "sctp", "st", "tcp", "udp", "udp-lite", "vmtp", "vrrp", "xns-idp", "xtp");

    public static final ValueType PROTOCOL = (f, raw, s) -> {
        String body = raw.startsWith("!") ? raw.substring(1) : raw;
        if (PROTOCOLS.contains(body)) {
            return raw;
        }
        if (!body.isEmpty() && body.length() <= 3 && body.chars().allMatch(Character::isDigit)
                && Integer.parseInt(body) <= 255) {
            return raw;
        }
        throw ApiError.noMatch(f);
    };

    /** Durations: 1w2d3h4m5s, 10s, 00:05:00, "1d 00:00:00"; printed compactly. */
    public static final ValueType DURATION = (f, raw, s) -> formatDuration(parseDurationOrFail(f, raw));

    public static final ValueType RATE_PAIR = pair(ValueTypes::parseRate);

    public static final ValueType INTEGER_PAIR = pair((f, raw) -> {
        try {
            return Long.toString(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw ApiError.invalidValue(f);
        }
    });

    public static final ValueType DURATION_PAIR = pair((f, raw) -> formatDuration(parseDurationOrFail(f, raw)));

    public static final ValueType DECIMAL_PAIR = pair((f, raw) -> {
        try {
            return new BigDecimal(raw).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            throw ApiError.invalidValue(f);
        }
    });

    public static ValueType oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return (f, raw, s) -> {
            if (!allowed.contains(raw)) {
                throw ApiError.noMatch(f);
            }
            return raw;
        };
    }

    /** Comma set of the given words, optionally negated with a leading '!'. */
    public static ValueType negatableSetOf(String... values) {
        Set<String> allowed = Set.of(values);
        return (f, raw, s) -> {
            String body = raw.startsWith("!") ? raw.substring(1) : raw;
            LinkedHashSet<String> seen = new LinkedHashSet<>(Arrays.asList(body.split(",", -1)));
            if (!allowed.containsAll(seen)) {
                throw ApiError.noMatch(f);
            }
            return (raw.startsWith("!") ? "!" : "") + String.join(",", seen);
        };
    }

    /** The name of an item of another menu (optionally negated, or one of {@code extra}). */
    public static ValueType reference(String menuPath, boolean negatable, String... extra) {
        Set<String> extras = Set.of(extra);
        return (f, raw, s) -> {
            String body = negatable && raw.startsWith("!") ? raw.substring(1) : raw;
            if (extras.contains(body) || s.hasNamed(menuPath, body)) {
                return raw;
            }
            throw ApiError.noMatch(f);
        };
    }

    /** An IPv4 address or the name of an /ip/pool (PPP profile addresses). */
    public static final ValueType IP_OR_POOL = (f, raw, s) -> {
        if (Ipv4.parse(raw) >= 0 || s.hasNamed("/ip/pool", raw)) {
            return raw;
        }
        throw ApiError.noMatch(f);
    };

    /** Comma list of IPs, prefixes or ranges (pool ranges). */
    public static final ValueType IP_RANGES = (f, raw, s) -> {
        for (String part : raw.split(",", -1)) {
            if (Ipv4.parseRange(part) == null) {
                throw ApiError.invalidValue(f);
            }
        }
        return raw;
    };

    /** Queue targets: comma list of addresses/prefixes (bare addresses become /32) or interface names. */
    public static final ValueType QUEUE_TARGET = (f, raw, s) -> {
        StringBuilder out = new StringBuilder();
        for (String part : raw.split(",", -1)) {
            String norm;
            long[] p = Ipv4.parsePrefix(part);
            if (p != null) {
                long m = Ipv4.mask((int) p[1]);
                norm = Ipv4.format(p[0] & m) + "/" + p[1];
            } else if (s.hasNamed("/interface", part)) {
                norm = part;
            } else {
                throw ApiError.invalidValue(f);
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(norm);
        }
        return out.toString();
    };

    private interface PartParser {
        String parse(String field, String raw);
    }

    /** upload/download pairs; a lone value is refused the way RouterOS refuses `priority=8`. */
    private static ValueType pair(PartParser part) {
        return (f, raw, s) -> {
            int slash = raw.indexOf('/');
            if (slash < 0) {
                throw ApiError.of("expected value of download-" + f, 1);
            }
            return part.parse(f, raw.substring(0, slash)) + "/" + part.parse(f, raw.substring(slash + 1));
        };
    }

    /** "10M" → "10000000"; decimal multipliers k/K, M, G, T; plain numbers are bits. */
    public static String parseRate(String field, String raw) {
        String v = raw.trim();
        if (v.endsWith("bps")) {
            v = v.substring(0, v.length() - 3);
        }
        long mult = 1;
        if (!v.isEmpty()) {
            char last = v.charAt(v.length() - 1);
            mult = switch (last) {
                case 'k', 'K' -> 1_000L;
                case 'M' -> 1_000_000L;
                case 'G' -> 1_000_000_000L;
                case 'T' -> 1_000_000_000_000L;
                default -> 1;
            };
            if (mult != 1) {
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            BigDecimal bits = new BigDecimal(v).multiply(BigDecimal.valueOf(mult));
            if (bits.signum() < 0) {
                throw ApiError.invalidValue(field);
            }
            return bits.setScale(0, java.math.RoundingMode.DOWN).toPlainString();
        } catch (NumberFormatException e) {
            throw ApiError.invalidValue(field);
        }
    }

    static long parseDurationOrFail(String field, String raw) {
        long ms = parseDurationMillis(raw);
        if (ms < 0) {
            throw ApiError.invalidValue(field);
        }
        return ms;
    }

    /** Milliseconds, or -1 when malformed. */
    public static long parseDurationMillis(String raw) {
        String v = raw.trim();
        if (v.isEmpty()) {
            return -1;
        }
        long total = 0;
        int space = v.indexOf(' ');
        if (v.contains(":")) {
            String days = space >= 0 ? v.substring(0, space) : "";
            String clock = space >= 0 ? v.substring(space + 1) : v;
            if (!days.isEmpty()) {
                long d = parseDurationMillis(days);
                if (d < 0) {
                    return -1;
                }
                total += d;
            }
            String[] hms = clock.split(":", -1);
            if (hms.length != 3) {
                return -1;
            }
            try {
                total += Long.parseLong(hms[0]) * 3_600_000L + Long.parseLong(hms[1]) * 60_000L
                        + Math.round(Double.parseDouble(hms[2]) * 1000);
            } catch (NumberFormatException e) {
                return -1;
            }
            return total;
        }
        int i = 0;
        boolean any = false;
        while (i < v.length()) {
            int j = i;
            while (j < v.length() && (Character.isDigit(v.charAt(j)) || v.charAt(j) == '.')) {
                j++;
            }
            if (j == i) {
                return -1;
            }
            double n;
            try {
                n = Double.parseDouble(v.substring(i, j));
            } catch (NumberFormatException e) {
                return -1;
            }
            long unit;
            int k = j;
            if (v.startsWith("ms", k)) {
                unit = 1;
                k += 2;
            } else if (k == v.length()) {
                unit = 1000;
            } else {
                unit = switch (v.charAt(k)) {
                    case 'w' -> 604_800_000L;
                    case 'd' -> 86_400_000L;
                    case 'h' -> 3_600_000L;
                    case 'm' -> 60_000L;
                    case 's' -> 1000L;
                    default -> -1;
                };
                if (unit < 0) {
                    return -1;
                }
                k++;
            }
            total += Math.round(n * unit);
            any = true;
            i = k;
        }
        return any ? total : -1;
    }

    /** 90061000 → "1d1h1m1s"; 0 → "0s". */
    public static String formatDuration(long ms) {
        if (ms <= 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long[] units = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] names = {"w", "d", "h", "m", "s", "ms"};
        long rest = ms;
        for (int i = 0; i < units.length; i++) {
            long n = rest / units[i];
            if (n > 0) {
                sb.append(n).append(names[i]);
                rest -= n * units[i];
            }
        }
        return sb.toString();
    }
}
