package io.routerbridge.ipam;

import java.util.List;

/**
 * What an operator asks for when adding a subnet. {@code excluded} entries are single addresses,
 * "first-last" ranges or CIDR blocks; {@code rules} defaults to reserving network, gateway and
 * broadcast.
 */
public record NewSubnet(String cidr, Long parentId, String gateway, List<String> excluded,
                        ReservationRules rules, String description) {

    public static NewSubnet of(String cidr) {
        return new NewSubnet(cidr, null, null, List.of(), ReservationRules.DEFAULT, "");
    }

    public NewSubnet withGateway(String gatewayAddress) {
        return new NewSubnet(cidr, parentId, gatewayAddress, excluded, rules, description);
    }

    public NewSubnet withParent(long parent) {
        return new NewSubnet(cidr, parent, gateway, excluded, rules, description);
    }

    public NewSubnet withExcluded(String... entries) {
        return new NewSubnet(cidr, parentId, gateway, List.of(entries), rules, description);
    }

    public NewSubnet withRules(ReservationRules reservationRules) {
        return new NewSubnet(cidr, parentId, gateway, excluded, reservationRules, description);
    }
}
