package io.routerbridge.emulator.ip;

/**
 * Strict dotted-quad IPv4 (addresses as unsigned 32-bit values in a long), for the menus and the packet tracer.
 * Two ways to fail, by name: {@link #parse} answers -1 for text that is not an address (menus validate input with
 * it), {@link #require} throws (the tracer reads values the menus already accepted).
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /** Parses a.b.c.d, or returns -1. */
    public static long parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 15) {
            return -1;
        }
        long result = 0;
        int parts = 0;
        int i = 0;
        while (i <= s.length()) {
            int j = i;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
            }
            if (j == i || j - i > 3) {
                return -1;
            }
            int octet = Integer.parseInt(s.substring(i, j));
            if (octet > 255) {
                return -1;
            }
            result = (result << 8) | octet;
            parts++;
            if (j == s.length()) {
                break;
            }
            if (s.charAt(j) != '.' || parts == 4) {
                return -1;
            }
            i = j + 1;
        }
        return parts == 4 ? result : -1;
    }

    /** Parses a.b.c.d (surrounding blanks ignored), or throws IllegalArgumentException naming the text. */
    public static long require(String text) {
        long address = text == null ? -1 : parse(text.trim());
        if (address < 0) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        return address;
    }

    /** Whether {@link #require} would accept the text. */
    public static boolean isAddress(String text) {
        return text != null && parse(text.trim()) >= 0;
    }

    public static String format(long ip) {
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }

    public static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** Parses "ip" or "ip/len" into {ip, len}; null when malformed. */
    public static long[] parsePrefix(String s) {
        int slash = s.indexOf('/');
        String ip = slash < 0 ? s : s.substring(0, slash);
        long addr = parse(ip);
        if (addr < 0) {
            return null;
        }
        int len = 32;
        if (slash >= 0) {
            String l = s.substring(slash + 1);
            if (l.isEmpty() || l.length() > 2 || !l.chars().allMatch(Character::isDigit)) {
                return null;
            }
            len = Integer.parseInt(l);
            if (len > 32) {
                return null;
            }
        }
        return new long[] {addr, len};
    }

    /** Parses an ip, a prefix or an a-b range into an inclusive {low, high}; null when malformed. */
    public static long[] parseRange(String s) {
        int dash = s.indexOf('-');
        if (dash >= 0) {
            long lo = parse(s.substring(0, dash));
            long hi = parse(s.substring(dash + 1));
            if (lo < 0 || hi < 0 || hi < lo) {
                return null;
            }
            return new long[] {lo, hi};
        }
        long[] p = parsePrefix(s);
        if (p == null) {
            return null;
        }
        long m = mask((int) p[1]);
        long lo = p[0] & m;
        return new long[] {lo, lo | (~m & 0xFFFFFFFFL)};
    }
}
