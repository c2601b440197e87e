package io.routerbridge.provisioning;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runtime state that must not exist for a service (it is not configuration, so it cannot be diffed like it):
 * PPP sessions of these user names and tracked connections from or to these prefixes. The planner turns it into
 * post-apply {@link Action}s against what the router currently shows.
 */
public record Teardown(Set<String> sessionNames, List<String> connectionPrefixes) {

    public Teardown {
        sessionNames = Set.copyOf(new TreeSet<>(sessionNames));
        connectionPrefixes = List.copyOf(connectionPrefixes);
    }

    public static Teardown none() {
        return new Teardown(Set.of(), List.of());
    }

    public boolean isEmpty() {
        return sessionNames.isEmpty() && connectionPrefixes.isEmpty();
    }
}
