package io.routerbridge.provisioning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a router holds, as printed: rows per menu path in print order (which is rule evaluation order for
 * firewall menus). Also holds the runtime tables the post-apply actions look at ({@code /ppp/active},
 * {@code /ip/firewall/connection}) when they were read.
 */
public final class ActualState {

    public static final String PPP_ACTIVE = "/ppp/active";
    public static final String CONNECTIONS = "/ip/firewall/connection";

    private final Map<String, List<ActualRow>> rowsByPath;

    private ActualState(Map<String, List<ActualRow>> rowsByPath) {
        this.rowsByPath = rowsByPath;
    }

    public static ActualState empty() {
        return new ActualState(Map.of());
    }

    /** Builds the state from print results: menu path → rows, each row the attributes printed (with {@code .id}). */
    public static ActualState of(Map<String, List<Map<String, String>>> printedRowsByPath) {
        Map<String, List<ActualRow>> rows = new LinkedHashMap<>();
        printedRowsByPath.forEach((path, printed) -> {
            List<ActualRow> list = new ArrayList<>();
            for (Map<String, String> attributes : printed) {
                list.add(new ActualRow(path, attributes.get(".id"), list.size(), attributes));
            }
            rows.put(path, Collections.unmodifiableList(list));
        });
        return new ActualState(Collections.unmodifiableMap(rows));
    }

    public List<ActualRow> rows(String menuPath) {
        return rowsByPath.getOrDefault(menuPath, List.of());
    }

    public List<ActualRow> rows(Menu menu) {
        return rows(menu.path());
    }

    public boolean wasRead(String menuPath) {
        return rowsByPath.containsKey(menuPath);
    }
}
