package io.routerbridge.emulator.tracer;

import java.util.Map;

/** Protocol names RouterOS accepts in {@code protocol=}, mapped to their IANA numbers. */
final class Protocols {
    static final int TCP = 6;
    static final int UDP = 17;

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("ggp", 3), Map.entry("ipencap", 4),
            Map.entry("st", 5), Map.entry("tcp", 6), Map.entry("egp", 8), Map.entry("pup", 12),
            Map.entry("udp", 17), Map.entry("hmp", 20), Map.entry("xns-idp", 22), Map.entry("rdp", 27),
            Map.entry("iso-tp4", 29), Map.entry("dccp", 33), Map.entry("xtp", 36), Map.entry("ddp", 37),
            Map.entry("idpr-cmtp", 38), Map.entry("ipv6", 41), Map.entry("ipv6-route", 43),
            Map.entry("ipv6-frag", 44), Map.entry("rsvp", 46), Map.entry("gre", 47),
            Map.entry("ipsec-esp", 50), Map.entry("ipsec-ah", 51), Map.entry("icmpv6", 58),
            Map.entry("ipv6-nonxt", 59), Map.entry("ipv6-opts", 60), Map.entry("rspf", 73),
            Map.entry("vmtp", 81), Map.entry("ospf", 89), Map.entry("ipip", 94), Map.entry("etherip", 97),
            Map.entry("encap", 98), Map.entry("pim", 103), Map.entry("vrrp", 112), Map.entry("l2tp", 115),
            Map.entry("sctp", 132), Map.entry("udp-lite", 136));

    private Protocols() {
    }

    /** The protocol number of a name or number, or -1 when the text is neither. */
    static int number(String text) {
        String value = text.trim().toLowerCase();
        Integer named = NUMBERS.get(value);
        if (named != null) {
            return named;
        }
        if (!value.isEmpty() && value.length() <= 3 && value.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(value);
            return number <= 255 ? number : -1;
        }
        return -1;
    }

    static boolean carriesPorts(int number) {
        return number == TCP || number == UDP;
    }
}
