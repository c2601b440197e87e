package io.routerbridge.ipam.netbox;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.ReservationRules;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pulls NetBox prefixes and IP addresses into IPAM, in one transaction after everything has been
 * fetched (so NetBox failing half-way changes nothing).
 *
 * <p>Prefix status: {@code active} and {@code container} become subnets; {@code reserved} becomes a
 * subnet whose whole range is excluded (kept, never handed out); {@code deprecated} is skipped. Nested
 * prefixes become nested subnets. Prefixes that already exist as subnets are not touched.
 *
 * <p>IP addresses: NetBox does not know WHMCS services, so they cannot become assignments. An address
 * with status active, reserved, dhcp or slaac is in use elsewhere and becomes an excluded address of
 * the deepest subnet this pull creates around it; deprecated addresses are free. Addresses in subnets
 * that already existed are counted as ignored (IPAM has no way to add exclusions to a subnet in use).
 */
public final class NetBoxPull {
    private static final Set<String> SUBNET_STATUSES = Set.of("active", "container", "reserved");
    private static final Set<String> USED_ADDRESS_STATUSES = Set.of("active", "reserved", "dhcp", "slaac");

    private final NetBoxPullRepository repository;

    public NetBoxPull(NetBoxPullRepository repository) {
        this.repository = repository;
    }

    private record Prefix(NetBoxObject source, Subnet shape) {
    }

    public NetBoxPullReport pull(NetBoxClient client) {
        List<NetBoxObject> prefixes = client.prefixes();
        List<NetBoxObject> addresses = client.ipAddresses();
        return repository.inTransaction(subnets -> apply(subnets, prefixes, addresses));
    }

    private NetBoxPullReport apply(SubnetService subnets, List<NetBoxObject> netBoxPrefixes,
                                   List<NetBoxObject> netBoxAddresses) {
        List<String> notes = new ArrayList<>();
        int skipped = 0;
        List<Prefix> wanted = new ArrayList<>();
        for (NetBoxObject prefix : netBoxPrefixes) {
            if (!SUBNET_STATUSES.contains(prefix.status())) {
                skipped++;
                notes.add("prefix " + prefix.value() + " skipped: status " + prefix.status());
                continue;
            }
            try {
                wanted.add(new Prefix(prefix, Subnet.define(NewSubnet.of(prefix.value()))));
            } catch (IpamValidationException e) {
                skipped++;
                notes.add("prefix " + prefix.value() + " skipped: " + e.getMessage());
            }
        }
        wanted.sort(Comparator.comparing((Prefix p) -> p.shape().family()).thenComparing(p -> p.shape().prefixLength())
                .thenComparing(p -> p.shape().range().first()));

        Map<String, Subnet> known = new HashMap<>();
        subnets.list().forEach(s -> known.put(s.cidr(), s));
        Map<Prefix, List<String>> excludedByPrefix = new HashMap<>();
        int ignored = 0;
        for (NetBoxObject address : netBoxAddresses) {
            if (!USED_ADDRESS_STATUSES.contains(address.status())) {
                ignored++;
                continue;
            }
            IPAddress host = new IPAddressString(address.value()).getHostAddress();
            Prefix deepest = host == null ? null : deepest(wanted, AddressFamily.of(host), host.getValue());
            if (deepest == null || known.containsKey(deepest.shape().cidr())) {
                ignored++;
                notes.add("address " + address.value() + " ignored: not inside a subnet created by this pull");
                continue;
            }
            excludedByPrefix.computeIfAbsent(deepest, p -> new ArrayList<>()).add(host.toCanonicalString());
        }

        int created = 0;
        int present = 0;
        int excluded = 0;
        for (Prefix prefix : wanted) {
            Subnet shape = prefix.shape();
            if (known.containsKey(shape.cidr())) {
                present++;
                continue;
            }
            List<String> exclusions = "reserved".equals(prefix.source().status())
                    ? List.of(shape.cidr())
                    : excludedByPrefix.getOrDefault(prefix, List.of());
            Subnet parent = deepestKnown(known, shape);
            String description = prefix.source().description().strip();
            try {
                Subnet subnet = subnets.create(new NewSubnet(shape.cidr(), parent == null ? null : parent.id(), null,
                        exclusions, ReservationRules.DEFAULT,
                        description.length() > 255 ? description.substring(0, 255) : description));
                known.put(subnet.cidr(), subnet);
                created++;
                excluded += excludedByPrefix.getOrDefault(prefix, List.of()).size();
            } catch (IpamValidationException e) {
                skipped++;
                notes.add("prefix " + shape.cidr() + " skipped: " + e.getMessage());
            }
        }
        return new NetBoxPullReport(created, present, skipped, excluded, ignored, notes);
    }

    private static Prefix deepest(List<Prefix> prefixes, AddressFamily family, BigInteger value) {
        Prefix deepest = null;
        for (Prefix p : prefixes) {
            if (p.shape().family() == family && p.shape().range().contains(value)
                    && (deepest == null || p.shape().prefixLength() > deepest.shape().prefixLength())) {
                deepest = p;
            }
        }
        return deepest;
    }

    private static Subnet deepestKnown(Map<String, Subnet> known, Subnet inner) {
        Subnet deepest = null;
        for (Subnet s : known.values()) {
            if (s.family() == inner.family() && s.prefixLength() < inner.prefixLength()
                    && s.range().contains(inner.range())
                    && (deepest == null || s.prefixLength() > deepest.prefixLength())) {
                deepest = s;
            }
        }
        return deepest;
    }
}
