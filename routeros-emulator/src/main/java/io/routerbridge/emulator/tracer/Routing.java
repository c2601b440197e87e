package io.routerbridge.emulator.tracer;

import io.routerbridge.emulator.ip.Ipv4;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The routing decision: longest prefix over connected networks and /ip/route, then lowest distance. */
final class Routing {

    /** Where a packet leaves; {@code outInterface} is null for a blackhole route. */
    record Decision(String outInterface, String description) {
        boolean blackhole() {
            return outInterface == null;
        }
    }

    private record Candidate(AddressRange destination, int distance, String connectedInterface, String gateway,
                             String immediateGateway, boolean blackhole, String description) {
    }

    private final RouterView router;

    Routing(RouterView router) {
        this.router = router;
    }

    Optional<Decision> decide(long destination, List<String> steps) {
        List<Candidate> candidates = new ArrayList<>();
        for (RouterView.InterfaceAddress address : router.addresses()) {
            candidates.add(new Candidate(AddressRange.parse(address.networkText()), 0, address.interfaceName(),
                    null, null, false, address.networkText() + " connected on " + address.interfaceName()));
        }
        for (Map<String, String> row : router.rows(RouterView.ROUTE)) {
            candidateOf(row).ifPresent(candidates::add);
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> -c.destination().prefixLength())
                .thenComparingInt(Candidate::distance));
        for (Candidate candidate : candidates) {
            if (!candidate.destination().contains(destination)) {
                continue;
            }
            if (candidate.blackhole()) {
                return Optional.of(new Decision(null, candidate.description()));
            }
            Optional<String> out = candidate.connectedInterface() != null
                    ? Optional.of(candidate.connectedInterface())
                    : resolveGateway(candidate);
            if (out.isPresent()) {
                return Optional.of(new Decision(out.get(), candidate.description() + " out " + out.get()));
            }
            steps.add("routing: route " + candidate.description() + " skipped: gateway not reachable");
        }
        return Optional.empty();
    }

    private Optional<Candidate> candidateOf(Map<String, String> row) {
        if (RouterView.isTrue(row.get("disabled")) || RouterView.isFalse(row.get("active"))
                || RouterView.isTrue(row.get("invalid"))) {
            return Optional.empty();
        }
        String table = row.get("routing-table");
        if (table != null && !table.isEmpty() && !table.equals("main")) {
            return Optional.empty();
        }
        String dst = row.getOrDefault("dst-address", "0.0.0.0/0");
        AddressRange destination;
        try {
            destination = AddressRange.parse(dst.contains("/") ? dst : dst + "/32");
        } catch (IllegalArgumentException ipv6OrMalformed) {
            return Optional.empty();
        }
        int distance = 1;
        try {
            distance = Integer.parseInt(row.getOrDefault("distance", "1"));
        } catch (NumberFormatException ignored) {
            // keep the static-route default
        }
        boolean blackhole = RouterView.isTrue(row.get("blackhole")) || "blackhole".equals(row.get("type"));
        String gateway = row.get("gateway");
        String description = dst + (blackhole ? " blackhole" : " via " + gateway) + " (route " + row.get(".id") + ")";
        return Optional.of(new Candidate(destination, distance, null, gateway, row.get("immediate-gw"),
                blackhole, description));
    }

    private Optional<String> resolveGateway(Candidate candidate) {
        List<String> gateways = new ArrayList<>();
        if (candidate.gateway() != null) {
            gateways.addAll(List.of(candidate.gateway().split(",")));
        }
        if (candidate.immediateGateway() != null) {
            gateways.add(candidate.immediateGateway());
        }
        for (String gateway : gateways) {
            String trimmed = gateway.trim();
            int percent = trimmed.indexOf('%');
            if (percent >= 0) {
                return Optional.of(trimmed.substring(percent + 1));
            }
            if (Ipv4.isAddress(trimmed)) {
                long hop = Ipv4.require(trimmed);
                Optional<String> connected = router.addresses().stream()
                        .filter(address -> address.connects(hop))
                        .max(Comparator.comparingInt(RouterView.InterfaceAddress::prefixLength))
                        .map(RouterView.InterfaceAddress::interfaceName);
                if (connected.isPresent()) {
                    return connected;
                }
            } else if (!trimmed.isEmpty() && router.interfaceEnabled(trimmed)) {
                return Optional.of(trimmed);
            }
        }
        return Optional.empty();
    }
}
