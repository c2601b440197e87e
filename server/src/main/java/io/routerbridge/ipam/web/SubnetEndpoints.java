package io.routerbridge.ipam.web;

import static io.routerbridge.http.ApiRequests.body;
import static io.routerbridge.http.ApiRequests.pathId;

import inet.ipaddr.IPAddress;
import io.javalin.http.Context;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.ipam.AddressText;
import io.routerbridge.ipam.IpamRemoval;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** /api/v1/subnets. */
final class SubnetEndpoints {
    private final SubnetService subnets;
    private final IpamRemoval removal;

    SubnetEndpoints(SubnetService subnets, IpamRemoval removal) {
        this.subnets = subnets;
        this.removal = removal;
    }

    /** Filters: family (4 or 6), parentId, contains (an address inside the subnet). */
    void list(Context ctx) {
        Optional<Integer> family = ApiRequests.queryInt(ctx, "family", 4, 6).map(SubnetEndpoints::family);
        Optional<Long> parentId = ApiRequests.queryId(ctx, "parentId");
        Optional<IPAddress> contains = ApiRequests.queryText(ctx, "contains").map(SubnetEndpoints::address);
        Stream<Subnet> found = subnets.list().stream();
        if (family.isPresent()) {
            found = found.filter(s -> s.family().code() == family.get());
        }
        if (parentId.isPresent()) {
            found = found.filter(s -> parentId.get().equals(s.parentId()));
        }
        if (contains.isPresent()) {
            int code = contains.get().isIPv4() ? 4 : 6;
            BigInteger value = contains.get().getValue();
            found = found.filter(s -> s.family().code() == code && s.range().contains(value));
        }
        List<Subnet> result = found.toList();
        ctx.json(SubnetView.of(result));
    }

    void create(Context ctx) {
        Subnet created = subnets.create(body(ctx, SubnetBody.class).toNewSubnet());
        ctx.status(201).json(SubnetView.of(created));
    }

    void get(Context ctx) {
        ctx.json(SubnetView.of(subnets.get(pathId(ctx, "id"))));
    }

    void delete(Context ctx) {
        removal.removeSubnet(pathId(ctx, "id"));
        ctx.status(204);
    }

    private static int family(int code) {
        if (code != 4 && code != 6) {
            throw new InvalidInputException("family must be 4 or 6", "family");
        }
        return code;
    }

    private static IPAddress address(String text) {
        IPAddress address = AddressText.strict(text.trim()).getAddress();
        if (address == null || address.isPrefixed()) {
            throw new InvalidInputException("contains must be a single IPv4 or IPv6 address", "contains");
        }
        return address;
    }
}
