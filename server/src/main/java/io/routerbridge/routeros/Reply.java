package io.routerbridge.routeros;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the router answered to one command up to its {@code !done}.
 *
 * @param rows  the {@code !re} sentences, attribute name to value, in arrival order
 * @param ret   the {@code =ret=} of {@code !done} (the new {@code .id} of an add, the count of a count-only print)
 * @param traps the {@code !trap}s, in arrival order
 * @param empty whether the router said {@code !empty} (RouterOS 7.18+: nothing matched)
 */
public record Reply(List<Map<String, String>> rows, Optional<String> ret, List<Trap> traps, boolean empty) {
    public Reply {
        rows = List.copyOf(rows);
        traps = List.copyOf(traps);
    }

    public boolean trapped() {
        return !traps.isEmpty();
    }

    /** The first row, if any. */
    public Optional<Map<String, String>> firstRow() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
