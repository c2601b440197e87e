package io.routerbridge.ipam.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The field names of the exchange files and the conversion between entries and their text fields,
 * shared by all three formats. Absent and empty fields are the same thing.
 */
final class EntryFields {
    static final List<String> SUBNET_FIELDS = List.of("cidr", "parent", "gateway", "excluded", "reserveNetwork",
            "reserveGateway", "reserveBroadcast", "description");
    static final List<String> POOL_FIELDS = List.of("name", "subnet", "kind", "prefixLength", "range",
            "quarantineSeconds");

    private EntryFields() {
    }

    static Map<String, Object> of(SubnetEntry s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("cidr", s.cidr());
        fields.put("parent", s.parent());
        fields.put("gateway", s.gateway());
        fields.put("excluded", s.excluded());
        fields.put("reserveNetwork", s.reserveNetwork());
        fields.put("reserveGateway", s.reserveGateway());
        fields.put("reserveBroadcast", s.reserveBroadcast());
        fields.put("description", s.description());
        fields.values().removeIf(v -> v == null || "".equals(v));
        return fields;
    }

    static Map<String, Object> of(PoolEntry p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", p.name());
        fields.put("subnet", p.subnet());
        fields.put("kind", p.kind());
        fields.put("prefixLength", p.prefixLength());
        fields.put("range", p.range());
        fields.put("quarantineSeconds", p.quarantineSeconds());
        fields.values().removeIf(v -> v == null || "".equals(v));
        return fields;
    }

    /** The subnet in {@code fields}, or null after adding what is wrong with it to {@code problems}. */
    static SubnetEntry subnet(int line, Map<String, String> fields, List<ImportProblem> problems) {
        List<ImportProblem> found = new ArrayList<>();
        unknown(line, fields, SUBNET_FIELDS, "subnet", found);
        String cidr = text(fields, "cidr");
        if (cidr == null) {
            found.add(new ImportProblem(line, "cidr", "cidr is required"));
        }
        boolean network = flag(line, fields, "reserveNetwork", found);
        boolean gateway = flag(line, fields, "reserveGateway", found);
        boolean broadcast = flag(line, fields, "reserveBroadcast", found);
        problems.addAll(found);
        if (!found.isEmpty()) {
            return null;
        }
        String description = text(fields, "description");
        return new SubnetEntry(cidr, text(fields, "parent"), text(fields, "gateway"), text(fields, "excluded"),
                network, gateway, broadcast, description == null ? "" : description);
    }

    /** The pool in {@code fields}, or null after adding what is wrong with it to {@code problems}. */
    static PoolEntry pool(int line, Map<String, String> fields, List<ImportProblem> problems) {
        List<ImportProblem> found = new ArrayList<>();
        unknown(line, fields, POOL_FIELDS, "pool", found);
        String name = text(fields, "name");
        if (name == null) {
            found.add(new ImportProblem(line, "name", "name is required"));
        }
        String subnet = text(fields, "subnet");
        if (subnet == null) {
            found.add(new ImportProblem(line, "subnet", "subnet (the CIDR of the pool's subnet) is required"));
        }
        String kind = text(fields, "kind");
        kind = kind == null ? "address" : kind.toLowerCase(Locale.ROOT);
        if (!kind.equals("address") && !kind.equals("prefix")) {
            found.add(new ImportProblem(line, "kind", "kind must be address or prefix, got " + kind));
        }
        Long prefixLength = number(line, fields, "prefixLength", found);
        Long quarantine = number(line, fields, "quarantineSeconds", found);
        if (quarantine != null && quarantine > Integer.MAX_VALUE) {
            found.add(new ImportProblem(line, "quarantineSeconds", "quarantineSeconds is too large"));
        }
        if (prefixLength != null && prefixLength > 128) {
            found.add(new ImportProblem(line, "prefixLength", "prefixLength must be at most 128"));
        }
        problems.addAll(found);
        if (!found.isEmpty()) {
            return null;
        }
        return new PoolEntry(name, subnet, kind, prefixLength == null ? null : prefixLength.intValue(),
                text(fields, "range"), quarantine == null ? 0 : quarantine);
    }

    private static void unknown(int line, Map<String, String> fields, List<String> known, String what,
                                List<ImportProblem> problems) {
        for (String field : fields.keySet()) {
            if (!known.contains(field) && text(fields, field) != null) {
                problems.add(new ImportProblem(line, field, "unknown field " + field + " for a " + what));
            }
        }
    }

    static String text(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static boolean flag(int line, Map<String, String> fields, String name, List<ImportProblem> problems) {
        String value = text(fields, name);
        if (value == null) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(new ImportProblem(line, name, name + " must be true or false, got " + value));
                yield true;
            }
        };
    }

    private static Long number(int line, Map<String, String> fields, String name, List<ImportProblem> problems) {
        String value = text(fields, name);
        if (value == null) {
            return null;
        }
        if (!value.trim().matches("[0-9]{1,10}")) {
            problems.add(new ImportProblem(line, name, name + " must be a non-negative whole number, got " + value));
            return null;
        }
        return Long.parseLong(value.trim());
    }

    static Set<String> csvColumns() {
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        columns.add("record");
        columns.addAll(SUBNET_FIELDS);
        columns.addAll(POOL_FIELDS);
        return columns;
    }
}
