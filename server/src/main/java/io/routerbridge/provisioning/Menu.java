package io.routerbridge.provisioning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RouterOS menus we own objects in, in dependency order: adds and sets run top to bottom, removals bottom to
 * top (an address exists before the NAT rule that uses it and goes away after it).
 *
 * <p>Each menu knows what is compared: the attributes we write, the defaults the router fills in for attributes
 * we leave out, and (for ordered rule menus) the matchers whose mere presence changes what a rule does, so an
 * operator-added matcher on one of our rules is drift too. Everything else the router prints (counters, flags,
 * computed fields) is ignored.
 */
public enum Menu {
    IP_ADDRESS("/ip/address", false, Set.of("address", "interface"),
            kinds("address", ValueKind.INTERFACE_ADDRESS, "disabled", ValueKind.BOOLEAN),
            defaults("disabled", "no"),
            List.of("address"),
            Set.of()),
    PPP_SECRET("/ppp/secret", false,
            Set.of("name", "password", "service", "profile", "local-address", "remote-address"),
            kinds("disabled", ValueKind.BOOLEAN, "local-address", ValueKind.NETWORK, "remote-address", ValueKind.NETWORK),
            defaults("disabled", "no", "service", "any", "profile", "default"),
            List.of("name"),
            Set.of()),
    QUEUE_SIMPLE("/queue/simple", false, Set.of("name", "target", "max-limit"),
            kinds("target", ValueKind.NETWORK_LIST, "max-limit", ValueKind.RATE_PAIR, "limit-at", ValueKind.RATE_PAIR,
                    "burst-limit", ValueKind.RATE_PAIR, "burst-threshold", ValueKind.RATE_PAIR,
                    "disabled", ValueKind.BOOLEAN),
            defaults("disabled", "no", "limit-at", "0/0", "burst-limit", "0/0", "burst-threshold", "0/0",
                    "parent", "none"),
            List.of("name"),
            Set.of()),
    ADDRESS_LIST("/ip/firewall/address-list", false, Set.of("list", "address"),
            kinds("address", ValueKind.NETWORK, "disabled", ValueKind.BOOLEAN),
            defaults("disabled", "no"),
            List.of("list", "address"),
            Set.of()),
    NAT("/ip/firewall/nat", true, Set.of("chain", "action"),
            ruleKinds(),
            defaults("disabled", "no", "log", "no", "log-prefix", ""),
            List.of(),
            ruleMatchers()),
    FILTER("/ip/firewall/filter", true, Set.of("chain", "action"),
            ruleKinds(),
            defaults("disabled", "no", "log", "no", "log-prefix", ""),
            List.of(),
            ruleMatchers());

    private final String path;
    private final boolean ordered;
    private final Map<String, ValueKind> kinds;
    private final Map<String, String> defaults;
    private final List<String> uniqueKey;
    private final Set<String> mustBeAbsentUnlessWritten;
    private final List<String> readAttributes;
    private final Set<String> readable;
    private final List<String> matchersSorted;

    Menu(String path, boolean ordered, Set<String> written, Map<String, ValueKind> kinds, Map<String, String> defaults,
         List<String> uniqueKey, Set<String> mustBeAbsentUnlessWritten) {
        this.path = path;
        this.ordered = ordered;
        this.kinds = kinds;
        this.defaults = defaults;
        this.uniqueKey = uniqueKey;
        this.mustBeAbsentUnlessWritten = mustBeAbsentUnlessWritten;
        java.util.TreeSet<String> read = new java.util.TreeSet<>(written);
        read.addAll(kinds.keySet());
        read.addAll(defaults.keySet());
        read.addAll(uniqueKey);
        read.addAll(mustBeAbsentUnlessWritten);
        read.add("comment");
        read.add("dynamic");
        List<String> attributes = new java.util.ArrayList<>(List.of(".id"));
        attributes.addAll(read);
        this.readAttributes = List.copyOf(attributes);
        this.readable = Set.copyOf(attributes);
        this.matchersSorted = List.copyOf(new java.util.TreeSet<>(mustBeAbsentUnlessWritten));
    }

    /** Whether the attribute is among {@link #readAttributes()}. */
    public boolean isRead(String attribute) {
        return readable.contains(attribute);
    }

    /** {@link #mustBeAbsentUnlessWritten()} in a stable order. */
    List<String> matchersInOrder() {
        return matchersSorted;
    }

    /** What we print ({@code .proplist}); an attribute we write must be among them or it would never compare. */
    public List<String> readAttributes() {
        return readAttributes;
    }

    public String path() {
        return path;
    }

    /** Rules are evaluated top to bottom, so the relative order of our rules matters. */
    public boolean ordered() {
        return ordered;
    }

    public ValueKind kindOf(String attribute) {
        return kinds.getOrDefault(attribute, ValueKind.TEXT);
    }

    /** Values the router assumes for attributes we do not write (in a form we can write back). */
    public Map<String, String> defaults() {
        return defaults;
    }

    /** Attributes the router keeps unique within the menu; an unowned object holding them blocks our add. */
    public List<String> uniqueKey() {
        return uniqueKey;
    }

    /** Matchers that change a rule's meaning when present; they cannot be cleared by {@code set}. */
    public Set<String> mustBeAbsentUnlessWritten() {
        return mustBeAbsentUnlessWritten;
    }

    public static Menu byPath(String path) {
        for (Menu menu : values()) {
            if (menu.path.equals(path)) {
                return menu;
            }
        }
        throw new IllegalArgumentException("not a menu we own objects in: " + path);
    }

    private static Map<String, ValueKind> kinds(Object... pairs) {
        Map<String, ValueKind> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (ValueKind) pairs[i + 1]);
        }
        return Map.copyOf(map);
    }

    private static Map<String, String> defaults(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Map<String, ValueKind> ruleKinds() {
        return kinds("src-address", ValueKind.NETWORK, "dst-address", ValueKind.NETWORK,
                "to-addresses", ValueKind.NETWORK, "protocol", ValueKind.PROTOCOL,
                "disabled", ValueKind.BOOLEAN, "log", ValueKind.BOOLEAN);
    }

    private static Set<String> ruleMatchers() {
        return Set.of("src-address", "dst-address", "protocol", "src-port", "dst-port", "port",
                "in-interface", "out-interface", "in-interface-list", "out-interface-list",
                "src-address-list", "dst-address-list", "src-address-type", "dst-address-type",
                "connection-state", "connection-nat-state", "connection-mark", "packet-mark", "routing-mark",
                "connection-type", "tcp-flags", "icmp-options", "limit", "dst-limit", "time", "nth", "random",
                "content", "layer7-protocol", "ipsec-policy", "hotspot", "psd", "per-connection-classifier",
                "to-addresses", "to-ports", "jump-target", "reject-with", "address-list", "address-list-timeout");
    }
}
