package io.routerbridge.emulator.menu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The router's configuration and runtime tables: a generic engine over {@link MenuSpec} declarations.
 * Every operation is atomic (one lock); rows come back in print form.
 */
public final class RouterState {
    /** Receives every change of a menu: the new print row, or {@code row == null} when the item is gone. */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(String menuPath, String id, Map<String, String> row);
    }

    /** A menu's items in print order, with indexes by id, by name and by each unique key. */
    private static final class Menu {
        final MenuSpec spec;
        final List<Item> items = new ArrayList<>();
        final Map<Long, Item> byId = new HashMap<>();
        final Map<String, Item> byName = new HashMap<>();
        final Map<String, Integer> nameCount = new HashMap<>();
        final List<Map<Object, Item>> byKey = new ArrayList<>();
        long nextId = 1;
        int expiring;

        Menu(MenuSpec spec) {
            this.spec = spec;
            for (int i = 0; i < spec.uniqueKeys.size(); i++) {
                byKey.add(new HashMap<>());
            }
        }

        void insert(int position, Item item) {
            items.add(position, item);
            byId.put(item.id, item);
            index(item);
            if (item.expiresAt != 0) {
                expiring++;
            }
        }

        void delete(Item item) {
            if (byId.remove(item.id) == null) {
                return;
            }
            items.remove(item);
            unindex(item);
            if (item.expiresAt != 0) {
                expiring--;
            }
        }

        void index(Item item) {
            if (spec.nameField != null && item.get(spec.nameField) != null) {
                byName.putIfAbsent(item.get(spec.nameField), item);
                nameCount.merge(item.get(spec.nameField), 1, Integer::sum);
            }
            for (int i = 0; i < byKey.size(); i++) {
                byKey.get(i).putIfAbsent(spec.uniqueKeys.get(i).key().apply(item.values), item);
            }
        }

        void unindex(Item item) {
            String name = spec.nameField == null ? null : item.get(spec.nameField);
            boolean namesakeLeft = name != null && nameCount.merge(name, -1, Integer::sum) > 0;
            if (name != null && nameCount.get(name) <= 0) {
                nameCount.remove(name);
            }
            if (name != null && byName.remove(name, item) && namesakeLeft) {
                // names need not be unique here (sessions): let a namesake take over the index
                for (Item other : items) {
                    if (other != item && name.equals(other.get(spec.nameField))) {
                        byName.put(name, other);
                        break;
                    }
                }
            }
            for (int i = 0; i < byKey.size(); i++) {
                byKey.get(i).remove(spec.uniqueKeys.get(i).key().apply(item.values), item);
            }
        }

        void replaceValues(Item item, Map<String, String> values) {
            unindex(item);
            item.values.clear();
            item.values.putAll(values);
            index(item);
        }
    }

    private final LinkedHashMap<String, Menu> menus = new LinkedHashMap<>();
    private final List<ListenerEntry> listeners = new CopyOnWriteArrayList<>();
    private final String rosVersion;
    private volatile long bootedAt = System.currentTimeMillis();

    private record ListenerEntry(String path, ChangeListener listener) {
    }

    public RouterState(String rosVersion, Collection<MenuSpec> specs) {
        this.rosVersion = rosVersion;
        for (MenuSpec spec : specs) {
            menus.put(spec.path, new Menu(spec));
        }
        loadInitialRows();
    }

    public String rosVersion() {
        return rosVersion;
    }

    public long bootedAt() {
        return bootedAt;
    }

    // ---------------------------------------------------------------- lookup

    public boolean hasMenu(String path) {
        return menus.containsKey(path);
    }

    public MenuSpec spec(String path) {
        Menu m = menus.get(path);
        return m == null ? null : m.spec;
    }

    public Collection<String> menuPaths() {
        return List.copyOf(menus.keySet());
    }

    /** True if {@code path} is a menu or a directory above one (e.g. "/ip"). */
    public boolean isDirectory(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        return menus.containsKey(path) || menus.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    public synchronized boolean hasNamed(String path, String name) {
        Menu m = menus.get(path);
        if (m == null || m.spec.nameField == null) {
            return false;
        }
        purgeExpired(m);
        return m.byName.containsKey(name);
    }

    /** Every row of a menu as print returns it (singletons give one row without .id). */
    public synchronized List<Map<String, String>> rows(String path) {
        Menu m = requireMenu(path);
        purgeExpired(m);
        List<Map<String, String>> out = new ArrayList<>(m.items.size());
        for (Item item : m.items) {
            out.add(view(m, item));
        }
        return out;
    }

    /** One row by .id or name, or null. */
    public synchronized Map<String, String> row(String path, String idOrName) {
        Menu m = requireMenu(path);
        purgeExpired(m);
        Item item = find(m, idOrName);
        return item == null ? null : view(m, item);
    }

    public synchronized Map<String, List<Map<String, String>>> dump() {
        LinkedHashMap<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (String path : menus.keySet()) {
            out.put(path, rows(path));
        }
        return out;
    }

    // ---------------------------------------------------------------- commands

    public synchronized String add(String path, Map<String, String> args) {
        Menu m = requireMenu(path);
        purgeExpired(m);
        MenuSpec spec = m.spec;
        LinkedHashMap<String, String> cand = new LinkedHashMap<>();
        String placeBefore = null;
        for (Map.Entry<String, String> e : args.entrySet()) {
            Field f = writableField(spec, e.getKey());
            if (f.access() == Field.Access.WRITE_ONLY) {
                if (f.name().equals("place-before")) {
                    placeBefore = e.getValue();
                }
                continue;
            }
            putNormalized(cand, f, e.getValue());
        }
        for (Field f : spec.fields.values()) {
            if (!cand.containsKey(f.name()) && f.defaultValue() != null && f.access() != Field.Access.WRITE_ONLY) {
                cand.put(f.name(), f.defaultValue());
            }
        }
        if (spec.autoNamePrefix != null && !cand.containsKey(spec.nameField)) {
            cand.put(spec.nameField, nextAutoName(m));
        }
        for (String r : spec.required) {
            if (!cand.containsKey(r)) {
                throw ApiError.of("failure: " + r + " not specified", 1);
            }
        }
        spec.onWrite.apply(cand, this, null);
        checkUnique(m, cand, null);
        int position = m.items.size();
        if (placeBefore != null) {
            Item before = find(m, placeBefore);
            if (before == null) {
                throw ApiError.noSuchItem();
            }
            position = m.items.indexOf(before);
        }
        Item item = new Item(m.nextId++, ordered(spec, cand));
        markDynamic(spec, item);
        m.insert(position, item);
        fire(m, item);
        return item.idText();
    }

    /** Inserts a row the router itself creates (sessions, connections, built-ins): no writability checks. */
    public synchronized String insertSystemRow(String path, Map<String, String> values, boolean dynamic) {
        Menu m = requireMenu(path);
        LinkedHashMap<String, String> cand = new LinkedHashMap<>(values);
        for (Field f : m.spec.fields.values()) {
            if (!cand.containsKey(f.name()) && f.defaultValue() != null && f.access() != Field.Access.WRITE_ONLY) {
                cand.put(f.name(), f.defaultValue());
            }
        }
        Item item = new Item(m.nextId++, ordered(m.spec, cand));
        item.dynamic = dynamic;
        markDynamic(m.spec, item);
        m.insert(m.items.size(), item);
        fire(m, item);
        return item.idText();
    }

    public synchronized void set(String path, String ids, Map<String, String> args) {
        Menu m = requireMenu(path);
        purgeExpired(m);
        for (String name : args.keySet()) {
            writableField(m.spec, name);
        }
        List<Item> targets = resolveTargets(m, ids);
        List<LinkedHashMap<String, String>> updated = new ArrayList<>();
        for (Item item : targets) {
            LinkedHashMap<String, String> cand = new LinkedHashMap<>(item.values);
            for (Map.Entry<String, String> e : args.entrySet()) {
                Field f = writableField(m.spec, e.getKey());
                if (f.access() == Field.Access.WRITE_ONLY) {
                    continue;
                }
                putNormalized(cand, f, e.getValue());
            }
            m.spec.onWrite.apply(cand, this, item);
            checkUnique(m, cand, item);
            updated.add(cand);
        }
        for (int i = 0; i < targets.size(); i++) {
            Item item = targets.get(i);
            m.replaceValues(item, ordered(m.spec, updated.get(i)));
            fire(m, item);
        }
    }

    public synchronized void unset(String path, String ids, String valueName) {
        Menu m = requireMenu(path);
        Field f = writableField(m.spec, valueName);
        List<Item> targets = resolveTargets(m, ids);
        for (Item item : targets) {
            LinkedHashMap<String, String> cand = new LinkedHashMap<>(item.values);
            if (f.defaultValue() != null) {
                cand.put(f.name(), f.defaultValue());
            } else {
                cand.remove(f.name());
            }
            m.spec.onWrite.apply(cand, this, item);
            checkUnique(m, cand, item);
            m.replaceValues(item, ordered(m.spec, cand));
            fire(m, item);
        }
    }

    public synchronized void remove(String path, String ids) {
        Menu m = requireMenu(path);
        purgeExpired(m);
        List<Item> targets = resolveTargets(m, ids);
        for (Item item : targets) {
            m.spec.removeGuard.check(item, this);
        }
        for (Item item : targets) {
            m.delete(item);
            fireDead(m, item);
        }
    }

    /** Moves items before {@code destination} (or to the end when it is null). */
    public synchronized void move(String path, String ids, String destination) {
        Menu m = requireMenu(path);
        List<Item> targets = resolveTargets(m, ids);
        Item dest = destination == null || destination.isEmpty() ? null : find(m, destination);
        if (destination != null && !destination.isEmpty() && dest == null) {
            throw ApiError.noSuchItem();
        }
        m.items.removeAll(targets);
        int pos = dest == null || targets.contains(dest) ? m.items.size() : m.items.indexOf(dest);
        m.items.addAll(pos, targets);
        for (Item t : targets) {
            fire(m, t);
        }
    }

    public synchronized String get(String path, String id, String valueName) {
        Menu m = requireMenu(path);
        purgeExpired(m);
        Item item = m.spec.kind == MenuSpec.Kind.SINGLETON ? m.items.get(0) : resolveTargets(m, id).get(0);
        Map<String, String> row = view(m, item);
        if (!row.containsKey(valueName) && !m.spec.fields.containsKey(valueName)) {
            throw ApiError.unknownParameter(valueName);
        }
        return row.getOrDefault(valueName, "");
    }

    /** Removes rows the router drops by itself (a session ending). Null-safe on unknown ids. */
    public synchronized void removeSystemRow(String path, String id) {
        Menu m = requireMenu(path);
        Item item = find(m, id);
        if (item != null) {
            m.delete(item);
            fireDead(m, item);
        }
    }

    /** Back to the state right after boot of a freshly installed router (ids are still never reused). */
    public synchronized void reset() {
        for (Menu m : menus.values()) {
            for (Item item : List.copyOf(m.items)) {
                m.delete(item);
                fireDead(m, item);
            }
        }
        bootedAt = System.currentTimeMillis();
        loadInitialRows();
    }

    /** A reboot: non-persistent menus and dynamic entries are lost, configuration survives. */
    public synchronized void reboot() {
        for (Menu m : menus.values()) {
            for (Item item : List.copyOf(m.items)) {
                if ((!m.spec.persistent || item.dynamic) && m.byId.containsKey(item.id)) {
                    m.delete(item);
                    fireDead(m, item);
                }
            }
        }
        bootedAt = System.currentTimeMillis();
    }

    // ---------------------------------------------------------------- listeners

    public void addListener(String path, ChangeListener listener) {
        listeners.add(new ListenerEntry(path, listener));
    }

    public void removeListener(ChangeListener listener) {
        listeners.removeIf(e -> e.listener == listener);
    }

    // ---------------------------------------------------------------- internals

    private void loadInitialRows() {
        for (Menu m : menus.values()) {
            for (Map<String, String> row : m.spec.initialRows) {
                insertSystemRow(m.spec.path, row, false);
            }
        }
    }

    private Menu requireMenu(String path) {
        Menu m = menus.get(path);
        if (m == null) {
            throw new IllegalArgumentException("no menu " + path);
        }
        return m;
    }

    private static Field writableField(MenuSpec spec, String name) {
        Field f = spec.fields.get(name);
        if (f == null || !f.writable()) {
            throw ApiError.unknownParameter(name);
        }
        return f;
    }

    private void putNormalized(Map<String, String> cand, Field f, String raw) {
        if (raw.isEmpty() && f.type() != ValueTypes.TEXT) {
            if (f.defaultValue() != null) {
                cand.put(f.name(), f.defaultValue());
            } else {
                cand.remove(f.name());
            }
            return;
        }
        cand.put(f.name(), f.type().normalize(f.name(), raw, this));
    }

    private static LinkedHashMap<String, String> ordered(MenuSpec spec, Map<String, String> values) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (String name : spec.fields.keySet()) {
            String v = values.get(name);
            if (v != null) {
                out.put(name, v);
            }
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return out;
    }

    private static void markDynamic(MenuSpec spec, Item item) {
        if ("true".equals(item.values.get("dynamic"))) {
            item.dynamic = true;
        }
        String timeout = item.values.get("timeout");
        if (spec.fields.containsKey("timeout") && timeout != null && spec.path.equals("/ip/firewall/address-list")) {
            long ms = ValueTypes.parseDurationMillis(timeout);
            if (ms > 0) {
                item.dynamic = true;
                item.expiresAt = item.createdAt + ms;
            }
        }
        if (spec.fields.containsKey("dynamic")) {
            item.values.put("dynamic", Boolean.toString(item.dynamic));
        }
    }

    private void checkUnique(Menu m, Map<String, String> cand, Item self) {
        for (int i = 0; i < m.spec.uniqueKeys.size(); i++) {
            MenuSpec.UniqueKey key = m.spec.uniqueKeys.get(i);
            Item other = m.byKey.get(i).get(key.key().apply(cand));
            if (other != null && other != self) {
                throw ApiError.of(key.message());
            }
        }
    }

    private String nextAutoName(Menu m) {
        for (int n = 1; ; n++) {
            String candidate = m.spec.autoNamePrefix + n;
            if (!m.byName.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    private Item find(Menu m, String idOrName) {
        if (idOrName.startsWith("*")) {
            long id;
            try {
                id = Long.parseLong(idOrName.substring(1), 16);
            } catch (NumberFormatException e) {
                throw ApiError.of("invalid internal item number", 1);
            }
            return m.byId.get(id);
        }
        return m.spec.nameField == null ? null : m.byName.get(idOrName);
    }

    private List<Item> resolveTargets(Menu m, String ids) {
        if (m.spec.kind == MenuSpec.Kind.SINGLETON) {
            return List.of(m.items.get(0));
        }
        if (ids == null || ids.isEmpty()) {
            throw ApiError.of("no such item");
        }
        List<Item> out = new ArrayList<>();
        for (String one : ids.split(",", -1)) {
            Item item = find(m, one.trim());
            if (item == null) {
                throw ApiError.noSuchItem();
            }
            if (!out.contains(item)) {
                out.add(item);
            }
        }
        return out;
    }

    private Map<String, String> view(Menu m, Item item) {
        LinkedHashMap<String, String> row = new LinkedHashMap<>();
        if (m.spec.kind == MenuSpec.Kind.LIST) {
            row.put(".id", item.idText());
        }
        row.putAll(item.values);
        m.spec.view.decorate(row, item, this);
        return row;
    }

    private void purgeExpired(Menu m) {
        if (m.expiring == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Item item : List.copyOf(m.items)) {
            if (item.expiresAt != 0 && item.expiresAt <= now) {
                m.delete(item);
                fireDead(m, item);
            }
        }
    }

    /** Removes every expired entry everywhere (called periodically so listeners see expiry). */
    public synchronized void expireNow() {
        for (Menu m : menus.values()) {
            purgeExpired(m);
        }
    }

    private void fire(Menu m, Item item) {
        if (listeners.isEmpty()) {
            return;
        }
        Map<String, String> row = view(m, item);
        for (ListenerEntry e : listeners) {
            if (e.path.equals(m.spec.path)) {
                e.listener.changed(m.spec.path, m.spec.kind == MenuSpec.Kind.LIST ? item.idText() : null, row);
            }
        }
    }

    private void fireDead(Menu m, Item item) {
        for (ListenerEntry e : listeners) {
            if (e.path.equals(m.spec.path)) {
                e.listener.changed(m.spec.path, item.idText(), null);
            }
        }
    }
}
