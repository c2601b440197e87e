package io.routerbridge.ipam;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Creates and lists subnets. Subnets may nest (a child inside its parent) but never otherwise overlap. */
public final class SubnetService {
    private final SubnetRepository subnets;
    private final Clock clock;

    public SubnetService(SubnetRepository subnets) {
        this(subnets, Clock.systemUTC());
    }

    public SubnetService(SubnetRepository subnets, Clock clock) {
        this.subnets = subnets;
        this.clock = clock;
    }

    public Subnet create(NewSubnet request) {
        Subnet subnet = Subnet.define(request);
        return subnets.transaction(tx -> {
            tx.lockLayout();
            Set<Long> ancestors = checkParent(tx, subnet);
            for (Subnet other : tx.overlapping(subnet.family(), subnet.range())) {
                if (!ancestors.contains(other.id())) {
                    throw new IpamValidationException("cidr", "subnet " + subnet.cidr() + " overlaps subnet "
                            + other.cidr() + " (id " + other.id() + ")"
                            + (other.range().contains(subnet.range()) ? "; make it the parent" : ""));
                }
            }
            return subnet.withId(tx.insert(subnet, clock.instant()));
        });
    }

    public Subnet get(long id) {
        return subnets.find(id).orElseThrow(() -> new IpamNotFoundException("subnet", id));
    }

    public List<Subnet> list() {
        return subnets.all();
    }

    /** The declared parent and its ancestors: the only subnets the new one may overlap. */
    private static Set<Long> checkParent(SubnetRepository tx, Subnet subnet) {
        Set<Long> ancestors = new HashSet<>();
        if (subnet.parentId() == null) {
            return ancestors;
        }
        Subnet parent = tx.placement(subnet.parentId()).orElseThrow(() -> new IpamValidationException("parentId",
                "parent subnet " + subnet.parentId() + " does not exist"));
        if (!subnet.fitsInside(parent)) {
            throw new IpamValidationException("cidr", "subnet " + subnet.cidr() + " is not inside its parent "
                    + parent.cidr());
        }
        for (Subnet p = parent; p != null; p = p.parentId() == null ? null : tx.placement(p.parentId()).orElse(null)) {
            if (!ancestors.add(p.id())) {
                break;
            }
        }
        return ancestors;
    }
}
