package io.routerbridge.provisioning;

import java.util.List;

/**
 * How a router differs from its desired state: objects missing, our objects that should not be there (extra or
 * duplicate), our objects whose attributes differ (both sides shown), our rules out of order, and desired objects
 * blocked by objects we do not own.
 */
public record Drift(List<RouterObject> missing, List<ActualRow> extra, List<Changed> changed,
                    List<ActualRow> misordered, List<Conflict> conflicts) {

    /** One of our objects whose attributes differ from what we want. */
    public record Changed(Menu menu, OwnershipMarker marker, String id, List<AttributeDiff> diffs) {
        public Changed {
            diffs = List.copyOf(diffs);
        }
    }

    public Drift {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        changed = List.copyOf(changed);
        misordered = List.copyOf(misordered);
        conflicts = List.copyOf(conflicts);
    }

    public boolean isClean() {
        return missing.isEmpty() && extra.isEmpty() && changed.isEmpty() && misordered.isEmpty()
                && conflicts.isEmpty();
    }
}
