package io.routerbridge.emulator.menu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Declaration of one menu: its fields, keys, allowed commands and the few behaviours that differ. */
public final class MenuSpec {
    public enum Kind { LIST, SINGLETON }

    /** Unique key over some fields, with the error text RouterOS gives for a duplicate. */
    public record UniqueKey(java.util.function.Function<Map<String, String>, Object> key, String message) {
    }

    /** Cross-field validation and derived values, run on the candidate values of an add or set. */
    @FunctionalInterface
    public interface WriteHook {
        void apply(LinkedHashMap<String, String> candidate, RouterState state, Item existing);
    }

    /** Throws an {@link ApiError} when the item must not be removed. */
    @FunctionalInterface
    public interface RemoveGuard {
        void check(Item item, RouterState state);
    }

    /** Adds read-time values (uptime, remaining timeout...) to a print row. */
    @FunctionalInterface
    public interface View {
        void decorate(Map<String, String> row, Item item, RouterState state);
    }

    final String path;
    final Kind kind;
    final boolean persistent;
    final Set<String> commands;
    final LinkedHashMap<String, Field> fields;
    final List<String> required;
    final String nameField;
    final List<UniqueKey> uniqueKeys;
    final WriteHook onWrite;
    final RemoveGuard removeGuard;
    final View view;
    final List<Map<String, String>> initialRows;
    final String autoNamePrefix;

    private MenuSpec(Builder b) {
        this.path = b.path;
        this.kind = b.kind;
        this.persistent = b.persistent;
        this.commands = Set.copyOf(b.commands);
        this.fields = b.fields;
        this.required = List.copyOf(b.required);
        this.nameField = b.nameField;
        this.uniqueKeys = List.copyOf(b.uniqueKeys);
        this.onWrite = b.onWrite;
        this.removeGuard = b.removeGuard;
        this.view = b.view;
        this.initialRows = List.copyOf(b.initialRows);
        this.autoNamePrefix = b.autoNamePrefix;
    }

    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    public boolean persistent() {
        return persistent;
    }

    public Set<String> commands() {
        return commands;
    }

    public Map<String, Field> fields() {
        return fields;
    }

    public String nameField() {
        return nameField;
    }

    public static final Set<String> LIST_COMMANDS = Set.of("print", "getall", "listen", "get", "add", "set",
            "remove", "enable", "disable", "unset", "move");
    public static final Set<String> READ_REMOVE_COMMANDS = Set.of("print", "getall", "listen", "get", "remove");
    public static final Set<String> SINGLETON_COMMANDS = Set.of("print", "getall", "listen", "get", "set");
    public static final Set<String> READ_COMMANDS = Set.of("print", "getall", "listen", "get");

    public static Builder list(String path) {
        return new Builder(path, Kind.LIST, LIST_COMMANDS);
    }

    public static Builder singleton(String path) {
        return new Builder(path, Kind.SINGLETON, SINGLETON_COMMANDS);
    }

    public static final class Builder {
        private final String path;
        private final Kind kind;
        private boolean persistent = true;
        private Set<String> commands;
        private final LinkedHashMap<String, Field> fields = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();
        private String nameField;
        private final List<UniqueKey> uniqueKeys = new ArrayList<>();
        private WriteHook onWrite = (c, s, e) -> {
        };
        private RemoveGuard removeGuard = (i, s) -> {
        };
        private View view = (r, i, s) -> {
        };
        private final List<Map<String, String>> initialRows = new ArrayList<>();
        private String autoNamePrefix;

        private Builder(String path, Kind kind, Set<String> commands) {
            this.path = path;
            this.kind = kind;
            this.commands = commands;
        }

        public Builder fields(Field... fs) {
            for (Field f : fs) {
                fields.put(f.name(), f);
            }
            return this;
        }

        public Builder required(String... names) {
            required.addAll(List.of(names));
            return this;
        }

        public Builder named(String field) {
            this.nameField = field;
            return this;
        }

        /** When the name is omitted on add it becomes prefix + the next free number (queue1...). */
        public Builder autoName(String prefix) {
            this.autoNamePrefix = prefix;
            return this;
        }

        public Builder unique(String message, String... keyFields) {
            List<String> names = List.of(keyFields);
            uniqueKeys.add(new UniqueKey(row -> names.stream().map(n -> row.getOrDefault(n, "")).toList(), message));
            return this;
        }

        public Builder unique(String message, java.util.function.Function<Map<String, String>, Object> key) {
            uniqueKeys.add(new UniqueKey(key, message));
            return this;
        }

        public Builder commands(Set<String> verbs) {
            this.commands = verbs;
            return this;
        }

        /** Rows lost on reboot (active sessions, connection tracking). */
        public Builder volatileState() {
            this.persistent = false;
            return this;
        }

        public Builder onWrite(WriteHook hook) {
            this.onWrite = hook;
            return this;
        }

        public Builder removeGuard(RemoveGuard guard) {
            this.removeGuard = guard;
            return this;
        }

        public Builder view(View v) {
            this.view = v;
            return this;
        }

        public Builder initially(Map<String, String> row) {
            initialRows.add(row);
            return this;
        }

        public MenuSpec build() {
            return new MenuSpec(this);
        }
    }
}
