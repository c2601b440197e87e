package io.routerbridge.ipam;

import java.time.Duration;

/** A validated pool: hands out blocks of {@code blockPrefixLength} from {@code range} of its subnet. */
public record Pool(long id, String name, long subnetId, AddressFamily family, PoolKind kind, int blockPrefixLength,
                   AddressRange range, Duration quarantine) {

    public static Pool define(NewPool request, Subnet subnet) {
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty()) {
            throw new IpamValidationException("name", "name is required");
        }
        if (name.length() > 100) {
            throw new IpamValidationException("name", "name is longer than 100 characters");
        }
        AddressFamily family = subnet.family();
        PoolKind kind = request.kind() == null ? PoolKind.ADDRESS : request.kind();
        int blockPrefixLength = family.bits();
        if (kind == PoolKind.PREFIX) {
            if (request.prefixLength() == null) {
                throw new IpamValidationException("prefixLength", "prefixLength is required for a prefix pool");
            }
            blockPrefixLength = request.prefixLength();
            checkPrefixLength(subnet, blockPrefixLength);
        }
        AddressRange range = subnet.range();
        if (request.range() != null && !request.range().isBlank()) {
            range = AddressText.parseRange(request.range(), family, "range");
            if (!subnet.range().contains(range)) {
                throw new IpamValidationException("range", "range " + request.range().trim() + " is outside subnet "
                        + subnet.cidr());
            }
        }
        Duration quarantine = request.quarantine() == null ? Duration.ZERO : request.quarantine();
        if (quarantine.isNegative()) {
            throw new IpamValidationException("quarantine", "quarantine must not be negative");
        }
        return new Pool(0, name, subnet.id(), family, kind, blockPrefixLength, range, quarantine);
    }

    /** Prefix blocks must fit the subnet: not shorter than its prefix, not longer than the family allows. */
    static void checkPrefixLength(Subnet subnet, int prefixLength) {
        if (prefixLength < subnet.prefixLength() || prefixLength > subnet.family().bits()) {
            throw new IpamValidationException("prefixLength", "prefixLength must be between " + subnet.prefixLength()
                    + " and " + subnet.family().bits() + " for subnet " + subnet.cidr() + ", got " + prefixLength);
        }
    }

    /**
     * The prefix length a request gets: the pool's own block length unless one is asked for; an address pool
     * hands out single addresses only.
     */
    public int blockLengthFor(Integer requested) {
        if (requested == null) {
            return blockPrefixLength;
        }
        if (kind == PoolKind.ADDRESS && requested != family.bits()) {
            throw new IpamValidationException("prefixLength", "pool " + name
                    + " hands out single addresses, not /" + requested + " blocks");
        }
        if (requested < 0 || requested > family.bits()) {
            throw new IpamValidationException("prefixLength", "prefixLength must be between 0 and "
                    + family.bits() + ", got " + requested);
        }
        return requested;
    }

    /** Whether a released block stays out of use for a while before it can be handed out again. */
    public boolean quarantines() {
        return !quarantine.isZero();
    }

    public Pool withId(long newId) {
        return new Pool(newId, name, subnetId, family, kind, blockPrefixLength, range, quarantine);
    }
}
