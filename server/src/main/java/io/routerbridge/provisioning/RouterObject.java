package io.routerbridge.provisioning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One object we want on a router: its menu, its identity (the ownership marker) and the attributes we write,
 * in writing order. The {@code comment} is not an attribute: it is derived from the marker.
 */
public record RouterObject(Menu menu, OwnershipMarker marker, Map<String, String> attributes) {

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public RouterObject {
        if (menu == null || marker == null || attributes == null) {
            throw new IllegalArgumentException("menu, marker and attributes are required");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (name == null || !ATTRIBUTE_NAME.matcher(name).matches() || name.equals("comment")) {
                throw new IllegalArgumentException("invalid attribute name: " + name);
            }
            if (value == null) {
                throw new IllegalArgumentException("attribute " + name + " has no value");
            }
            copy.put(name, value);
        });
        attributes = Collections.unmodifiableMap(copy);
    }

    /** Shorthand: {@code RouterObject.of(Menu.NAT, marker, "chain", "srcnat", "action", "src-nat")}. */
    public static RouterObject of(Menu menu, OwnershipMarker marker, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attribute names and values must come in pairs");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new RouterObject(menu, marker, attributes);
    }

    /** The value compared against the router: ours if we write it, else the router's default, else null. */
    public String expected(String attribute) {
        String value = attributes.get(attribute);
        return value != null ? value : menu.defaults().get(attribute);
    }
}
