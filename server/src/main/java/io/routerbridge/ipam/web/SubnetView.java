package io.routerbridge.ipam.web;

import io.routerbridge.ipam.Subnet;
import java.util.List;

/** A subnet as the REST API shows it. {@code family} is 4 or 6. */
record SubnetView(long id, String cidr, int family, int prefixLength, Long parentId, String gateway,
                  List<String> excluded, boolean reserveNetwork, boolean reserveGateway, boolean reserveBroadcast,
                  String description) {

    static SubnetView of(Subnet subnet) {
        List<String> excluded = subnet.exclusions().stream()
                .map(range -> RangeText.of(subnet.family(), range))
                .toList();
        return new SubnetView(subnet.id(), subnet.cidr(), subnet.family().code(), subnet.prefixLength(),
                subnet.parentId(), subnet.gateway(), excluded, subnet.rules().network(), subnet.rules().gateway(),
                subnet.rules().broadcast(), subnet.description());
    }

    static List<SubnetView> of(List<Subnet> subnets) {
        return subnets.stream().map(SubnetView::of).toList();
    }
}
