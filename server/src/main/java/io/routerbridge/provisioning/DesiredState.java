package io.routerbridge.provisioning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything that should be on one router, computed from service specs. Its scope decides which of our objects
 * the plan may remove: the whole router (any object with our marker that is not desired goes), or only some
 * services (objects of other services are neither looked at nor removed; router-wide shared objects are added
 * or repaired when needed but only removed by a whole-router plan).
 */
public final class DesiredState {

    private final boolean wholeRouter;
    private final Set<String> serviceIds;
    private final List<RouterObject> objects;
    private final Map<Menu, List<RouterObject>> objectsByMenu;
    private final Map<String, Teardown> teardowns;

    private DesiredState(boolean wholeRouter, Collection<? extends ServiceSpec> services) {
        this.wholeRouter = wholeRouter;
        List<ServiceSpec> sorted = new ArrayList<>(services);
        sorted.sort(Comparator.comparing(ServiceSpec::serviceId, DesiredState::compareIds));
        Set<String> ids = new TreeSet<>(DesiredState::compareIds);
        List<RouterObject> all = new ArrayList<>();
        Map<OwnershipMarker, RouterObject> shared = new LinkedHashMap<>();
        Map<String, Teardown> teardownsById = new LinkedHashMap<>();
        for (ServiceSpec service : sorted) {
            if (OwnershipMarker.SHARED_OWNER.equals(service.serviceId()) || !ids.add(service.serviceId())) {
                throw new IllegalArgumentException("service id used twice or reserved: " + service.serviceId());
            }
            for (RouterObject object : service.objects()) {
                if (!object.marker().owner().equals(service.serviceId())) {
                    throw new IllegalArgumentException(object.marker() + " is not owned by " + service.serviceId());
                }
                all.add(object);
            }
            for (RouterObject object : service.sharedObjects()) {
                RouterObject previous = shared.putIfAbsent(object.marker(), object);
                if (previous != null && !previous.equals(object)) {
                    throw new IllegalArgumentException("services disagree on shared object " + object.marker());
                }
            }
            if (!service.teardown().isEmpty()) {
                teardownsById.put(service.serviceId(), service.teardown());
            }
        }
        spareLiveServices(sorted, all, teardownsById);
        all.addAll(shared.values());
        validate(all);
        this.serviceIds = Collections.unmodifiableSet(ids);
        this.objects = List.copyOf(all);
        Map<Menu, List<RouterObject>> byMenu = new LinkedHashMap<>();
        for (Menu menu : Menu.values()) {
            byMenu.put(menu, new ArrayList<>());
        }
        all.forEach(object -> byMenu.get(object.menu()).add(object));
        byMenu.replaceAll((menu, list) -> List.copyOf(list));
        this.objectsByMenu = Collections.unmodifiableMap(byMenu);
        this.teardowns = Collections.unmodifiableMap(teardownsById);
    }

    /**
     * A teardown never hits what another service in this state uses: sessions of user names that are desired as
     * enabled secrets, connections in networks another service actively uses (a reused name or prefix).
     */
    private static void spareLiveServices(List<ServiceSpec> services, List<RouterObject> objects,
                                          Map<String, Teardown> teardowns) {
        Set<String> enabledNames = new java.util.HashSet<>();
        for (RouterObject object : objects) {
            if (object.menu() == Menu.PPP_SECRET
                    && "false".equals(ValueNormalizer.normalize(Menu.PPP_SECRET, "disabled", object.expected("disabled")))) {
                enabledNames.add(object.attributes().get("name"));
            }
        }
        teardowns.replaceAll((id, teardown) -> {
            Set<String> names = new TreeSet<>(teardown.sessionNames());
            names.removeAll(enabledNames);
            List<String> prefixes = new ArrayList<>();
            for (String prefix : teardown.connectionPrefixes()) {
                boolean live = false;
                for (ServiceSpec other : services) {
                    if (!other.serviceId().equals(id)) {
                        for (String network : other.liveNetworks()) {
                            live |= Addresses.overlap(prefix, network);
                        }
                    }
                }
                if (!live) {
                    prefixes.add(prefix);
                }
            }
            return new Teardown(names, prefixes);
        });
        teardowns.values().removeIf(Teardown::isEmpty);
    }

    /** The complete desired state of a router: every service it carries. */
    public static DesiredState wholeRouter(Collection<? extends ServiceSpec> services) {
        return new DesiredState(true, services);
    }

    /** The desired state of only these services (create, suspend, terminate one service, bulk jobs). */
    public static DesiredState ofServices(Collection<? extends ServiceSpec> services) {
        return new DesiredState(false, services);
    }

    public boolean isWholeRouter() {
        return wholeRouter;
    }

    public Set<String> serviceIds() {
        return serviceIds;
    }

    /** All desired objects: services by id, each in its own order, then shared objects. */
    public List<RouterObject> objects() {
        return objects;
    }

    public List<RouterObject> objects(Menu menu) {
        return objectsByMenu.get(menu);
    }

    public Map<String, Teardown> teardowns() {
        return teardowns;
    }

    /** Whether a plan for this state may remove an object carrying this marker when it is not desired. */
    public boolean mayRemove(OwnershipMarker marker) {
        return wholeRouter || serviceIds.contains(marker.owner());
    }

    private static void validate(List<RouterObject> all) {
        Set<String> markers = new java.util.HashSet<>();
        Map<String, OwnershipMarker> uniqueValues = new HashMap<>();
        for (RouterObject object : all) {
            if (!markers.add(object.menu().path() + " " + object.marker())) {
                throw new IllegalArgumentException("two desired objects share " + object.marker());
            }
            for (String attribute : object.attributes().keySet()) {
                if (!object.menu().isRead(attribute)) {
                    throw new IllegalArgumentException(attribute + " is not read back from " + object.menu().path());
                }
            }
            if (!object.menu().uniqueKey().isEmpty()) {
                String key = object.menu().path() + " " + uniqueKey(object.menu(), object.attributes()::get);
                OwnershipMarker other = uniqueValues.putIfAbsent(key, object.marker());
                if (other != null) {
                    throw new IllegalArgumentException(object.marker() + " and " + other + " both need " + key);
                }
            }
        }
    }

    /** The normalised values of the menu's unique attributes, e.g. a secret's name. */
    static String uniqueKey(Menu menu, java.util.function.Function<String, String> values) {
        List<String> parts = new ArrayList<>();
        for (String attribute : menu.uniqueKey()) {
            parts.add(attribute + "=" + ValueNormalizer.normalize(menu, attribute, values.apply(attribute)));
        }
        return String.join(" ", parts);
    }

    /** Numeric ids in numeric order (WHMCS service ids), anything else after them in text order. */
    static int compareIds(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit);
        boolean numericB = b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            int byValue = new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
