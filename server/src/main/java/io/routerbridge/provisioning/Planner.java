package io.routerbridge.provisioning;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Diffs desired objects against the router's rows that carry our marker and emits the fewest changes that make
 * them equal. Pure and deterministic: the same inputs always give the same plan. Rows without our marker are
 * never changed or removed; they only matter as anchors for rule placement and as conflicts.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(DesiredState desired, ActualState actual) {
        List<Change> removals = new ArrayList<>();
        List<Change> writes = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        Set<String> removedSecretNames = new TreeSet<>();
        Menu[] menus = Menu.values();
        List<List<Change>> removalsByMenu = new ArrayList<>();
        for (Menu menu : menus) {
            MenuPlan menuPlan = planMenu(menu, desired, actual);
            removalsByMenu.add(menuPlan.removals);
            writes.addAll(menuPlan.writes);
            conflicts.addAll(menuPlan.conflicts);
            if (menu == Menu.PPP_SECRET) {
                for (Change change : menuPlan.removals) {
                    String name = ((Change.Remove) change).row().get("name");
                    if (name != null) {
                        removedSecretNames.add(name);
                    }
                }
                removedSecretNames.addAll(namesOfChangedLogins(menuPlan.writes, actual));
            }
        }
        for (int i = removalsByMenu.size() - 1; i >= 0; i--) {
            removals.addAll(removalsByMenu.get(i));
        }
        List<Change> changes = new ArrayList<>(removals);
        changes.addAll(writes);
        return new Plan(changes, actions(desired, actual, removedSecretNames), conflicts);
    }

    /**
     * A live PPP session keeps the profile and password it logged in with: when one of our secrets gets another
     * profile or password, its session is kicked so the client logs in again under the new settings.
     */
    private static Set<String> namesOfChangedLogins(List<Change> writes, ActualState actual) {
        Set<String> names = new TreeSet<>();
        for (Change change : writes) {
            if (change instanceof Change.Update update && update.diffs().stream()
                    .anyMatch(diff -> LOGIN_ATTRIBUTES.contains(diff.name()))) {
                for (ActualRow row : actual.rows(Menu.PPP_SECRET)) {
                    if (row.id().equals(update.id()) && row.get("name") != null) {
                        names.add(row.get("name"));
                    }
                }
            }
        }
        return names;
    }

    private static final Set<String> LOGIN_ATTRIBUTES = Set.of("profile", "password");

    /** The drift report: the same comparison as {@link #plan}, seen as differences. */
    public static Drift drift(DesiredState desired, ActualState actual) {
        return plan(desired, actual).drift();
    }

    private record MenuPlan(List<Change> removals, List<Change> writes, List<Conflict> conflicts) {
    }

    private static MenuPlan planMenu(Menu menu, DesiredState desired, ActualState actual) {
        List<ActualRow> rows = actual.rows(menu);
        Map<OwnershipMarker, List<ActualRow>> ours = new LinkedHashMap<>();
        for (ActualRow row : rows) {
            row.marker().ifPresent(marker -> ours.computeIfAbsent(marker, m -> new ArrayList<>()).add(row));
        }
        List<RouterObject> wanted = desired.objects(menu);
        Set<OwnershipMarker> wantedMarkers = new HashSet<>();
        wanted.forEach(object -> wantedMarkers.add(object.marker()));

        List<Change> removals = new ArrayList<>();
        Set<String> removedIds = new HashSet<>();
        Map<OwnershipMarker, ActualRow> matched = new HashMap<>();
        Map<OwnershipMarker, List<AttributeDiff>> diffs = new HashMap<>();
        Map<OwnershipMarker, Boolean> replace = new HashMap<>();

        for (RouterObject object : wanted) {
            List<ActualRow> candidates = ours.getOrDefault(object.marker(), List.of());
            ActualRow best = null;
            for (ActualRow candidate : candidates) {
                if (best == null || closeness(object, candidate).compareTo(closeness(object, best)) < 0) {
                    best = candidate;
                }
            }
            if (best == null) {
                continue;
            }
            matched.put(object.marker(), best);
            diffs.put(object.marker(), settableDiffs(object, best));
            replace.put(object.marker(), !unwantedMatchers(object, best).isEmpty());
            for (ActualRow candidate : candidates) {
                if (candidate != best) {
                    removals.add(new Change.Remove(menu, candidate, Change.Reason.DUPLICATE, List.of()));
                    removedIds.add(candidate.id());
                }
            }
        }
        for (Map.Entry<OwnershipMarker, List<ActualRow>> entry : ours.entrySet()) {
            if (!wantedMarkers.contains(entry.getKey()) && desired.mayRemove(entry.getKey())) {
                for (ActualRow row : entry.getValue()) {
                    removals.add(new Change.Remove(menu, row, Change.Reason.EXTRA, List.of()));
                    removedIds.add(row.id());
                }
            }
        }

        Set<OwnershipMarker> kept = keptInPlace(menu, wanted, matched, replace);
        List<Change> replacements = new ArrayList<>();
        List<Change> writes = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        Map<String, ActualRow> blockers = blockers(menu, rows, removedIds, matched);
        Map<OwnershipMarker, String> anchors = menu.ordered()
                ? anchors(wanted, matched, replace, kept, rows, removedIds, matched.keySet())
                : Map.of();
        for (RouterObject object : wanted) {
            ActualRow row = matched.get(object.marker());
            if (row != null && kept.contains(object.marker())) {
                List<AttributeDiff> settable = diffs.get(object.marker());
                if (!settable.isEmpty()) {
                    writes.add(new Change.Update(menu, row.id(), object.marker(), settable));
                }
                continue;
            }
            Change.Reason reason = Change.Reason.MISSING;
            if (row != null) {
                reason = replace.get(object.marker()) ? Change.Reason.REPLACED : Change.Reason.MISORDERED;
                List<AttributeDiff> why = new ArrayList<>(unwantedMatchers(object, row));
                why.addAll(diffs.get(object.marker()));
                replacements.add(new Change.Remove(menu, row, reason, reason == Change.Reason.REPLACED ? why : List.of()));
            } else {
                ActualRow blocking = menu.uniqueKey().isEmpty() ? null
                        : blockers.get(DesiredState.uniqueKey(menu, object.attributes()::get));
                if (blocking != null) {
                    conflicts.add(new Conflict(object, blocking));
                    continue;
                }
            }
            writes.add(new Change.Add(object, anchors.get(object.marker()), reason));
        }
        removals.addAll(replacements);
        return new MenuPlan(removals, writes, conflicts);
    }

    /**
     * Which matched rows stay where they are. In rule menus each owner's rules of a chain must appear in desired order:
     * walking that order, a row is kept when it comes after the last kept row, otherwise it is moved.
     */
    private static Set<OwnershipMarker> keptInPlace(Menu menu, List<RouterObject> wanted,
                                                    Map<OwnershipMarker, ActualRow> matched,
                                                    Map<OwnershipMarker, Boolean> replace) {
        Set<OwnershipMarker> kept = new HashSet<>();
        Map<String, Integer> lastKeptPosition = new HashMap<>();
        for (RouterObject object : wanted) {
            ActualRow row = matched.get(object.marker());
            if (row == null || replace.get(object.marker())) {
                continue;
            }
            if (!menu.ordered()) {
                kept.add(object.marker());
                continue;
            }
            int last = lastKeptPosition.getOrDefault(orderGroup(object), -1);
            if (row.position() > last) {
                kept.add(object.marker());
                lastKeptPosition.put(orderGroup(object), row.position());
            }
        }
        return kept;
    }

    /**
     * Where each rule that is (re)added goes, so every owner's rules of a chain keep their desired order and stay together
     * without moving anyone else's rules: a run of re-added rules goes right after the owner's previous kept rule,
     * or before its next kept rule when there is no previous one; a replaced rule that opens a run stays where it
     * was. An owner with no rules yet goes before the first rule of that chain we do not own, so a tenant's src-nat
     * wins over a catch-all masquerade and its isolation over a general accept (operator rules keep their order
     * among themselves). No anchor means append, which is what RouterOS does for a plain add.
     */
    private static Map<OwnershipMarker, String> anchors(List<RouterObject> wanted,
                                                        Map<OwnershipMarker, ActualRow> matched,
                                                        Map<OwnershipMarker, Boolean> replace,
                                                        Set<OwnershipMarker> kept, List<ActualRow> rows,
                                                        Set<String> removedIds, Set<OwnershipMarker> matchedMarkers) {
        Map<String, List<RouterObject>> byOwner = new LinkedHashMap<>();
        for (RouterObject object : wanted) {
            byOwner.computeIfAbsent(orderGroup(object), o -> new ArrayList<>()).add(object);
        }
        Set<String> leaving = new HashSet<>(removedIds);
        for (OwnershipMarker marker : matchedMarkers) {
            if (!kept.contains(marker)) {
                leaving.add(matched.get(marker).id());
            }
        }
        Map<OwnershipMarker, String> anchors = new HashMap<>();
        for (List<RouterObject> group : byOwner.values()) {
            ActualRow previousKept = null;
            boolean inRun = false;
            String runAnchor = null;
            for (int i = 0; i < group.size(); i++) {
                OwnershipMarker marker = group.get(i).marker();
                if (kept.contains(marker)) {
                    previousKept = matched.get(marker);
                    inRun = false;
                    continue;
                }
                if (!inRun) {
                    inRun = true;
                    ActualRow nextKept = null;
                    for (int j = i + 1; j < group.size() && nextKept == null; j++) {
                        if (kept.contains(group.get(j).marker())) {
                            nextKept = matched.get(group.get(j).marker());
                        }
                    }
                    ActualRow own = matched.get(marker);
                    if (own != null && replace.get(marker)
                            && (previousKept == null || own.position() > previousKept.position())
                            && (nextKept == null || own.position() < nextKept.position())) {
                        runAnchor = firstSurvivorAfter(rows, own.position(), leaving);
                    } else if (previousKept != null) {
                        runAnchor = firstSurvivorAfter(rows, previousKept.position(), leaving);
                    } else if (nextKept != null) {
                        runAnchor = nextKept.id();
                    } else {
                        runAnchor = firstForeignRuleOfChain(rows, group.get(i).attributes().get("chain"), leaving);
                    }
                }
                if (runAnchor != null) {
                    anchors.put(marker, runAnchor);
                }
            }
        }
        return anchors;
    }

    /** Rules only compete within one chain, so order is kept per owner and chain. */
    private static String orderGroup(RouterObject object) {
        return object.marker().owner() + " " + object.attributes().getOrDefault("chain", "");
    }

    private static String firstForeignRuleOfChain(List<ActualRow> rows, String chain, Set<String> leaving) {
        for (ActualRow row : rows) {
            if (row.marker().isEmpty() && !leaving.contains(row.id()) && !"true".equals(row.get("dynamic"))
                    && chain != null && chain.equals(row.get("chain"))) {
                return row.id();
            }
        }
        return null;
    }

    private static String firstSurvivorAfter(List<ActualRow> rows, int position, Set<String> leaving) {
        for (int p = position + 1; p < rows.size(); p++) {
            if (!leaving.contains(rows.get(p).id())) {
                return rows.get(p).id();
            }
        }
        return null;
    }

    /** Rows that stay and are not matched to a desired object, by their unique value (name, address, ...). */
    private static Map<String, ActualRow> blockers(Menu menu, List<ActualRow> rows, Set<String> removedIds,
                                                   Map<OwnershipMarker, ActualRow> matched) {
        Map<String, ActualRow> blockers = new HashMap<>();
        if (menu.uniqueKey().isEmpty()) {
            return blockers;
        }
        Set<String> matchedIds = new HashSet<>();
        matched.values().forEach(row -> matchedIds.add(row.id()));
        for (ActualRow row : rows) {
            if (!removedIds.contains(row.id()) && !matchedIds.contains(row.id())) {
                blockers.putIfAbsent(DesiredState.uniqueKey(menu, row::get), row);
            }
        }
        return blockers;
    }

    /** Orders candidate rows for a marker: no replacement needed first, then fewest differences, then print order. */
    private static Closeness closeness(RouterObject object, ActualRow row) {
        return new Closeness(unwantedMatchers(object, row).size(), settableDiffs(object, row).size(), row.position());
    }

    private record Closeness(int unwanted, int differing, int position) implements Comparable<Closeness> {
        private static final Comparator<Closeness> ORDER = Comparator.comparingInt(Closeness::unwanted)
                .thenComparingInt(Closeness::differing).thenComparingInt(Closeness::position);

        @Override
        public int compareTo(Closeness other) {
            return ORDER.compare(this, other);
        }
    }

    /** Attributes we write (or whose default we rely on) that differ once both sides are normalised. */
    static List<AttributeDiff> settableDiffs(RouterObject object, ActualRow row) {
        Menu menu = object.menu();
        Set<String> compared = new java.util.LinkedHashSet<>(object.attributes().keySet());
        compared.addAll(menu.defaults().keySet());
        List<AttributeDiff> result = new ArrayList<>();
        for (String attribute : compared) {
            String want = object.expected(attribute);
            String printed = row.get(attribute);
            String have = printed != null ? printed : menu.defaults().get(attribute);
            String wantNormal = ValueNormalizer.normalize(menu, attribute, want);
            String haveNormal = ValueNormalizer.normalize(menu, attribute, have);
            if (!java.util.Objects.equals(wantNormal, haveNormal)) {
                result.add(new AttributeDiff(attribute, want, printed));
            }
        }
        return result;
    }

    /** Matchers present on the row that we never write; only a replacement clears them. */
    static List<AttributeDiff> unwantedMatchers(RouterObject object, ActualRow row) {
        List<AttributeDiff> result = new ArrayList<>();
        for (String attribute : object.menu().matchersInOrder()) {
            String printed = row.get(attribute);
            if (printed != null && !printed.isEmpty() && !object.attributes().containsKey(attribute)) {
                result.add(new AttributeDiff(attribute, null, printed));
            }
        }
        return result;
    }

    private static List<Action> actions(DesiredState desired, ActualState actual, Set<String> removedSecretNames) {
        List<Action> actions = new ArrayList<>();
        Set<String> names = new TreeSet<>(removedSecretNames);
        List<String> prefixes = new ArrayList<>();
        for (Teardown teardown : desired.teardowns().values()) {
            names.addAll(teardown.sessionNames());
            prefixes.addAll(teardown.connectionPrefixes());
        }
        if (!names.isEmpty()) {
            List<String> kicked = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (ActualRow session : actual.rows(ActualState.PPP_ACTIVE)) {
                if (names.contains(session.get("name"))) {
                    ids.add(session.id());
                    kicked.add(session.get("name"));
                }
            }
            if (!ids.isEmpty()) {
                actions.add(new Action.KickSessions(kicked, ids));
            }
        }
        for (String prefix : prefixes) {
            IPAddress block = ValueNormalizer.parse(prefix).toPrefixBlock();
            List<String> ids = new ArrayList<>();
            for (ActualRow connection : actual.rows(ActualState.CONNECTIONS)) {
                if (Addresses.contains(block, withoutPort(connection.get("src-address")))
                        || Addresses.contains(block, withoutPort(connection.get("dst-address")))) {
                    ids.add(connection.id());
                }
            }
            if (!ids.isEmpty()) {
                actions.add(new Action.DropConnections(prefix, ids));
            }
        }
        return actions;
    }

    /** Connection rows print {@code 10.0.0.5:51234}, {@code [2001:db8::1]:443} or a bare address. */
    static String withoutPort(String address) {
        if (address == null) {
            return null;
        }
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.indexOf(':');
        if (colon > 0 && colon == address.lastIndexOf(':')) {
            return address.substring(0, colon);
        }
        return address;
    }
}
