package io.routerbridge.emulator.tracer;

import io.routerbridge.emulator.ip.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only, cached view of the router's tables as the tracer needs them. */
final class RouterView {
    static final String FILTER = "/ip/firewall/filter";
    static final String NAT = "/ip/firewall/nat";
    static final String ADDRESS_LIST = "/ip/firewall/address-list";
    static final String ADDRESS = "/ip/address";
    static final String ROUTE = "/ip/route";
    static final String INTERFACE = "/interface";
    static final String INTERFACE_LIST = "/interface/list";
    static final String INTERFACE_LIST_MEMBER = "/interface/list/member";

    /** One usable address of the router and the network it connects. */
    record InterfaceAddress(long address, int prefixLength, long network, String interfaceName) {
        boolean connects(long destination) {
            return (destination & Ipv4.mask(prefixLength)) == network;
        }

        String networkText() {
            return Ipv4.format(network) + "/" + prefixLength;
        }
    }

    private final RuleSource source;
    private final Map<String, List<Map<String, String>>> cache = new HashMap<>();
    private List<InterfaceAddress> addresses;

    RouterView(RuleSource source) {
        this.source = source;
    }

    List<Map<String, String>> rows(String menuPath) {
        return cache.computeIfAbsent(menuPath, path -> {
            List<Map<String, String>> rows = source.rows(path);
            return rows == null ? List.of() : List.copyOf(rows);
        });
    }

    static boolean isTrue(String value) {
        return "true".equals(value) || "yes".equals(value);
    }

    static boolean isFalse(String value) {
        return "false".equals(value) || "no".equals(value);
    }

    /** An interface counts as usable unless /interface lists it as disabled. */
    boolean interfaceEnabled(String name) {
        return rows(INTERFACE).stream()
                .filter(row -> name.equals(row.get("name")))
                .noneMatch(row -> isTrue(row.get("disabled")));
    }

    /** Enabled, valid IPv4 addresses on enabled interfaces, in table order. */
    List<InterfaceAddress> addresses() {
        if (addresses == null) {
            List<InterfaceAddress> usable = new ArrayList<>();
            for (Map<String, String> row : rows(ADDRESS)) {
                String address = row.get("address");
                String interfaceName = row.get("interface");
                if (address == null || interfaceName == null || isTrue(row.get("disabled"))
                        || isTrue(row.get("invalid")) || !interfaceEnabled(interfaceName)) {
                    continue;
                }
                try {
                    usable.add(toInterfaceAddress(address, row.get("network"), interfaceName));
                } catch (IllegalArgumentException notIpv4) {
                    // IPv6 or malformed rows play no part in IPv4 tracing
                }
            }
            addresses = List.copyOf(usable);
        }
        return addresses;
    }

    private static InterfaceAddress toInterfaceAddress(String address, String networkField, String interfaceName) {
        int slash = address.indexOf('/');
        long ip = Ipv4.require(slash >= 0 ? address.substring(0, slash) : address);
        int length = slash >= 0 ? AddressRange.parse("0.0.0.0" + address.substring(slash)).prefixLength() : 32;
        // a /32 point-to-point address names its peer in "network"
        long network = networkField != null && Ipv4.isAddress(networkField) ? Ipv4.require(networkField) : ip;
        return new InterfaceAddress(ip, length, network & Ipv4.mask(length), interfaceName);
    }

    boolean isLocal(long address) {
        return addresses().stream().anyMatch(a -> a.address() == address);
    }

    Optional<Long> firstAddressOn(String interfaceName) {
        return addresses().stream()
                .filter(a -> a.interfaceName().equals(interfaceName))
                .map(InterfaceAddress::address)
                .findFirst();
    }

    boolean isBroadcast(long address) {
        if (address == 0xFFFFFFFFL) {
            return true;
        }
        return addresses().stream().anyMatch(a -> a.prefixLength() < 31
                && address == (a.network() | (~Ipv4.mask(a.prefixLength()) & 0xFFFFFFFFL)));
    }

    /** Whether an enabled entry of the list holds the address; entries that are DNS names hold nothing. */
    boolean addressListContains(String list, long address) {
        for (Map<String, String> row : rows(ADDRESS_LIST)) {
            if (!list.equals(row.get("list")) || isTrue(row.get("disabled")) || row.get("address") == null) {
                continue;
            }
            try {
                if (AddressRange.parse(row.get("address")).contains(address)) {
                    return true;
                }
            } catch (IllegalArgumentException dnsNameOrIpv6) {
                // resolved names appear as their own dynamic entries
            }
        }
        return false;
    }

    /**
     * Membership of an interface in an interface list, or empty when the tracer cannot tell
     * (lists built with include/exclude).
     */
    Optional<Boolean> interfaceListContains(String list, String interfaceName) {
        switch (list) {
            case "all":
                return Optional.of(true);
            case "none":
                return Optional.of(false);
            case "dynamic":
            case "static": {
                boolean dynamic = rows(INTERFACE).stream()
                        .anyMatch(row -> interfaceName.equals(row.get("name")) && isTrue(row.get("dynamic")));
                return Optional.of(dynamic == list.equals("dynamic"));
            }
            default:
                break;
        }
        boolean composed = rows(INTERFACE_LIST).stream()
                .filter(row -> list.equals(row.get("name")))
                .anyMatch(row -> notBlank(row.get("include")) || notBlank(row.get("exclude")));
        if (composed) {
            return Optional.empty();
        }
        return Optional.of(rows(INTERFACE_LIST_MEMBER).stream()
                .anyMatch(row -> list.equals(row.get("list")) && interfaceName.equals(row.get("interface"))
                        && !isTrue(row.get("disabled"))));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank() && !value.equals("none");
    }
}
