package io.routerbridge.ipam.cleaner;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One cleaner run: the assignments of services no longer live, and whether each was released. */
public record CleanerReport(CleanerMode mode, Instant ranAt, List<Item> items) {
    public long released() {
        return items.stream().filter(Item::released).count();
    }

    /** As handed to WHMCS and kept in the database. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mode", mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        map.put("ranAt", ranAt.toString());
        map.put("found", items.size());
        map.put("released", released());
        map.put("items", items.stream().map(item -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("assignmentId", item.assignmentId());
            entry.put("serviceId", item.serviceId());
            entry.put("address", item.address());
            entry.put("serviceStatus", item.serviceStatus() == null ? "missing" : item.serviceStatus());
            entry.put("released", item.released());
            return entry;
        }).toList());
        return map;
    }

    public record Item(long assignmentId, long serviceId, String address, String serviceStatus, boolean released) {
    }
}
