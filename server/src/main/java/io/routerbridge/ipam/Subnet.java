package io.routerbridge.ipam;

import inet.ipaddr.IPAddress;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A validated IPv4 or IPv6 subnet. {@code id} is 0 until it is stored. */
public record Subnet(long id, String cidr, AddressFamily family, int prefixLength, AddressRange range,
                     Long parentId, String gateway, List<AddressRange> exclusions, ReservationRules rules,
                     String description) {

    public Subnet {
        exclusions = List.copyOf(exclusions);
    }

    /** Checks everything that can be checked without knowing the other subnets. */
    public static Subnet define(NewSubnet request) {
        IPAddress block = AddressText.parseNetwork(request.cidr(), "cidr");
        AddressFamily family = AddressFamily.of(block);
        int prefixLength = block.getNetworkPrefixLength();
        AddressRange range = new AddressRange(block.getLower().getValue(), block.getUpper().getValue());
        ReservationRules rules = request.rules() == null ? ReservationRules.DEFAULT : request.rules();

        String gateway = null;
        if (request.gateway() != null && !request.gateway().isBlank()) {
            IPAddress gatewayAddress = AddressText.parseAddress(request.gateway(), "gateway");
            AddressText.requireFamily(gatewayAddress, family, "gateway");
            BigInteger value = gatewayAddress.getValue();
            if (!range.contains(value)) {
                throw new IpamValidationException("gateway", "gateway " + gatewayAddress + " is outside subnet "
                        + block.toCanonicalString());
            }
            if (!family.allAddressesUsable(prefixLength)
                    && (value.equals(range.first()) || family.hasBroadcast() && value.equals(range.last()))) {
                throw new IpamValidationException("gateway", "gateway " + gatewayAddress
                        + " is the network or broadcast address of " + block.toCanonicalString());
            }
            gateway = gatewayAddress.toCanonicalString();
        }

        List<AddressRange> exclusions = new ArrayList<>();
        for (String entry : request.excluded() == null ? List.<String>of() : request.excluded()) {
            AddressRange excluded = AddressText.parseRange(entry, family, "excluded");
            if (!range.contains(excluded)) {
                throw new IpamValidationException("excluded", "excluded " + entry.trim() + " is outside subnet "
                        + block.toCanonicalString());
            }
            exclusions.add(excluded);
        }
        String description = request.description() == null ? "" : request.description().trim();
        if (description.length() > 255) {
            throw new IpamValidationException("description", "description is longer than 255 characters");
        }
        return new Subnet(0, block.toCanonicalString(), family, prefixLength, range, request.parentId(), gateway,
                AddressRange.coalesce(exclusions), rules, description);
    }

    /** Whether this subnet nests inside {@code parent}: same family, a longer prefix, within its range. */
    public boolean fitsInside(Subnet parent) {
        return parent.family() == family && parent.prefixLength() < prefixLength && parent.range().contains(range);
    }

    public Subnet withId(long newId) {
        return new Subnet(newId, cidr, family, prefixLength, range, parentId, gateway, exclusions, rules, description);
    }

    public BigInteger gatewayValue() {
        return gateway == null ? null : AddressText.valueOf(gateway, "gateway");
    }

    /** Reserved addresses and excluded ranges: space that is never handed out. Sorted and coalesced. */
    public List<AddressRange> unavailable() {
        List<AddressRange> ranges = new ArrayList<>(exclusions);
        for (BigInteger value : family.reservedValues(range, prefixLength, gatewayValue(), rules)) {
            ranges.add(AddressRange.single(value));
        }
        return AddressRange.coalesce(ranges);
    }

    /** The unavailable space that falls inside {@code within}. */
    public List<AddressRange> unavailableWithin(AddressRange within) {
        List<AddressRange> clipped = new ArrayList<>();
        for (AddressRange r : unavailable()) {
            AddressRange part = r.clippedTo(within);
            if (part != null) {
                clipped.add(part);
            }
        }
        return clipped;
    }
}
