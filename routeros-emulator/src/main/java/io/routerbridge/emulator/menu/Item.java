package io.routerbridge.emulator.menu;

import java.util.LinkedHashMap;
import java.util.Map;

/** One row of a list menu. Values are stored in print form; {@code .id} is not among them. */
public final class Item {
    final long id;
    final LinkedHashMap<String, String> values;
    boolean dynamic;
    /** Wall-clock millis after which the item disappears, or 0. */
    long expiresAt;
    /** Wall-clock millis of creation (uptime, creation-time). */
    long createdAt = System.currentTimeMillis();

    Item(long id, Map<String, String> values) {
        this.id = id;
        this.values = new LinkedHashMap<>(values);
    }

    public long id() {
        return id;
    }

    public String idText() {
        return formatId(id);
    }

    public static String formatId(long id) {
        return "*" + Long.toHexString(id).toUpperCase();
    }

    public String get(String field) {
        return values.get(field);
    }

    public Map<String, String> values() {
        return values;
    }

    public long createdAt() {
        return createdAt;
    }

    public boolean dynamic() {
        return dynamic;
    }

    Item copy() {
        Item c = new Item(id, values);
        c.dynamic = dynamic;
        c.expiresAt = expiresAt;
        c.createdAt = createdAt;
        return c;
    }
}
