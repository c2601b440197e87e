package io.routerbridge.emulator.tracer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Router tables written the way RouterOS prints them over the API, for tests. */
final class RouterTables implements RuleSource {
    private final Map<String, List<Map<String, String>>> menus = new HashMap<>();
    private int nextId = 1;

    @Override
    public List<Map<String, String>> rows(String menuPath) {
        return menus.getOrDefault(menuPath, List.of());
    }

    RouterTables copy() {
        RouterTables copy = new RouterTables();
        menus.forEach((menu, rows) -> copy.menus.put(menu, new ArrayList<>(rows.stream()
                .map(row -> (Map<String, String>) new LinkedHashMap<>(row)).toList())));
        copy.nextId = nextId;
        return copy;
    }

    RouterTables iface(String name) {
        return row("/interface", "name", name, "type", "ether", "mtu", "1500", "running", "true",
                "disabled", "false", "dynamic", "false");
    }

    RouterTables address(String address, String interfaceName) {
        return row("/ip/address", "address", address, "interface", interfaceName,
                "actual-interface", interfaceName, "invalid", "false", "dynamic", "false", "disabled", "false");
    }

    RouterTables route(String dstAddress, String gateway) {
        return row("/ip/route", "dst-address", dstAddress, "gateway", gateway, "distance", "1",
                "routing-table", "main", "disabled", "false", "dynamic", "false");
    }

    RouterTables listEntry(String list, String address) {
        return row("/ip/firewall/address-list", "list", list, "address", address, "disabled", "false",
                "dynamic", "false", "creation-time", "2026-11-22 02:00:00");
    }

    /** Appends a filter rule and returns its .id. */
    String filter(String... fields) {
        return rule("/ip/firewall/filter", fields);
    }

    /** Appends a NAT rule and returns its .id. */
    String nat(String... fields) {
        return rule("/ip/firewall/nat", fields);
    }

    private String rule(String menu, String... fields) {
        row(menu, "action", "accept", "bytes", "0", "packets", "0", "disabled", "false", "dynamic", "false",
                "invalid", "false", "log", "false", "log-prefix", "");
        Map<String, String> row = last(menu);
        for (int i = 0; i < fields.length; i += 2) {
            row.put(fields[i], fields[i + 1]);
        }
        return row.get(".id");
    }

    RouterTables row(String menu, String... fields) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(".id", "*" + Integer.toHexString(nextId++).toUpperCase());
        for (int i = 0; i < fields.length; i += 2) {
            row.put(fields[i], fields[i + 1]);
        }
        menus.computeIfAbsent(menu, m -> new ArrayList<>()).add(row);
        return this;
    }

    /** Puts a row at a position of a menu, giving it a fresh .id. */
    String insert(String menu, int index, Map<String, String> fields) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(".id", "*" + Integer.toHexString(nextId++).toUpperCase());
        row.putAll(fields);
        menus.computeIfAbsent(menu, m -> new ArrayList<>()).add(index, row);
        return row.get(".id");
    }

    Map<String, String> byId(String id) {
        return menus.values().stream().flatMap(List::stream)
                .filter(row -> id.equals(row.get(".id"))).findFirst().orElseThrow();
    }

    private Map<String, String> last(String menu) {
        List<Map<String, String>> rows = menus.get(menu);
        return rows.get(rows.size() - 1);
    }
}
