package io.routerbridge.provisioning;

import java.util.List;

/** One write the plan makes: add, set or remove one object. */
public sealed interface Change permits Change.Add, Change.Update, Change.Remove {

    Menu menu();

    /** Why an object is added or removed. */
    enum Reason {
        /** Desired but not on the router. */
        MISSING,
        /** Ours, but no longer desired. */
        EXTRA,
        /** A second object with the same marker. */
        DUPLICATE,
        /** Carries a matcher we never write; {@code set} cannot clear it, so the object is replaced in place. */
        REPLACED,
        /** A rule before one of ours it must follow; moved after it by removing and adding it again. */
        MISORDERED
    }

    /** {@code /menu/add}; {@code placeBefore} is the {@code .id} to insert before, or null to append. */
    record Add(RouterObject object, String placeBefore, Reason reason) implements Change {
        @Override
        public Menu menu() {
            return object.menu();
        }
    }

    /** {@code /menu/set =.id=...} with the attributes in {@code diffs} set to their desired values. */
    record Update(Menu menu, String id, OwnershipMarker marker, List<AttributeDiff> diffs) implements Change {
        public Update {
            diffs = List.copyOf(diffs);
        }
    }

    /** {@code /menu/remove =.id=...}; {@code diffs} says what was wrong with a replaced object. */
    record Remove(Menu menu, ActualRow row, Reason reason, List<AttributeDiff> diffs) implements Change {
        public Remove {
            diffs = List.copyOf(diffs);
        }
    }
}
