package io.routerbridge.provisioning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One row as the router printed it, including {@code .id}; {@code position} is its index in print order. */
public record ActualRow(String menuPath, String id, int position, Map<String, String> attributes) {

    public ActualRow {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a printed row must carry .id");
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public String get(String attribute) {
        return attributes.get(attribute);
    }

    public Optional<OwnershipMarker> marker() {
        return OwnershipMarker.parse(attributes.get("comment"));
    }
}
