package io.routerbridge.ipam.web;

import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.ReservationRules;
import java.util.List;

/** POST /api/v1/subnets. The reserve flags default to true. */
record SubnetBody(String cidr, Long parentId, String gateway, List<String> excluded, Boolean reserveNetwork,
                  Boolean reserveGateway, Boolean reserveBroadcast, String description) {
    private static final int MAX_EXCLUDED = 1000;

    NewSubnet toNewSubnet() {
        ApiRequests.required(cidr, "cidr");
        if (parentId != null) {
            ApiRequests.requiredId(parentId, "parentId");
        }
        List<String> entries = excluded == null ? List.of() : excluded;
        if (entries.size() > MAX_EXCLUDED) {
            throw new InvalidInputException("excluded holds more than " + MAX_EXCLUDED + " entries", "excluded");
        }
        for (int i = 0; i < entries.size(); i++) {
            ApiRequests.required(entries.get(i), "excluded[" + i + "]");
        }
        ReservationRules rules = new ReservationRules(orTrue(reserveNetwork), orTrue(reserveGateway),
                orTrue(reserveBroadcast));
        return new NewSubnet(cidr, parentId, gateway, entries, rules, description);
    }

    private static boolean orTrue(Boolean flag) {
        return flag == null || flag;
    }
}
