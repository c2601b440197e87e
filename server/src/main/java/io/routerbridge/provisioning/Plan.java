package io.routerbridge.provisioning;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered changes that bring a router to its desired state (removals first, bottom menu up; then sets and
 * adds, top menu down), the post-apply actions, and the adds that are blocked by objects we do not own.
 */
public record Plan(List<Change> changes, List<Action> actions, List<Conflict> conflicts) {

    public Plan {
        changes = List.copyOf(changes);
        actions = List.copyOf(actions);
        conflicts = List.copyOf(conflicts);
    }

    /** Nothing to write: the router already matches (conflicts are reported, not written). */
    public boolean isEmpty() {
        return changes.isEmpty() && actions.isEmpty();
    }

    /** The same facts seen as a drift report. */
    public Drift drift() {
        List<RouterObject> missing = new ArrayList<>();
        List<ActualRow> extra = new ArrayList<>();
        List<Drift.Changed> changed = new ArrayList<>();
        List<ActualRow> misordered = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof Change.Add add) {
                if (add.reason() == Change.Reason.MISSING) {
                    missing.add(add.object());
                }
            } else if (change instanceof Change.Update update) {
                changed.add(new Drift.Changed(update.menu(), update.marker(), update.id(), update.diffs()));
            } else if (change instanceof Change.Remove remove) {
                switch (remove.reason()) {
                    case EXTRA, DUPLICATE -> extra.add(remove.row());
                    case REPLACED -> changed.add(new Drift.Changed(remove.menu(),
                            remove.row().marker().orElseThrow(), remove.row().id(), remove.diffs()));
                    case MISORDERED -> misordered.add(remove.row());
                    case MISSING -> throw new IllegalStateException("a removal is never for a missing object");
                }
            }
        }
        return new Drift(missing, extra, changed, misordered, conflicts);
    }
}
