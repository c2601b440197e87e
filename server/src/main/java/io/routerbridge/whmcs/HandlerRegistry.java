package io.routerbridge.whmcs;

import io.routerbridge.errors.NotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Handlers by WHMCS name; each capability registers the names it implements, exactly once. */
abstract class HandlerRegistry {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final String kind;
    private final Map<String, WhmcsHandler> handlers = new ConcurrentHashMap<>();

    HandlerRegistry(String kind) {
        this.kind = kind;
    }

    public void register(String name, WhmcsHandler handler) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + kind + " name: " + name);
        }
        WhmcsHandler previous = handlers.putIfAbsent(name, handler);
        if (previous != null) {
            throw new IllegalStateException(kind + " " + name + " is already registered");
        }
    }

    public Optional<WhmcsHandler> find(String name) {
        return Optional.ofNullable(handlers.get(name));
    }

    /** The handler, or a 404 naming what exists. */
    public WhmcsHandler require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException(
                "unknown " + kind + " '" + name + "'; supported: " + String.join(", ", names())));
    }

    public Set<String> names() {
        return new TreeSet<>(handlers.keySet());
    }
}
