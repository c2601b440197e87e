package io.routerbridge.ipam;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allocation rules without a database: block lengths, first fit in one locked pool, quarantine. */
class AllocationRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123Z");

    private final Subnet v4 = Subnet.define(NewSubnet.of("192.0.2.0/24").withGateway("192.0.2.1"));
    private final Subnet v6 = Subnet.define(NewSubnet.of("2001:db8::/48"));

    @Test
    void anAddressPoolHandsOutSingleAddressesOnly() {
        Pool pool = pool(v4, NewPool.addresses("singles", 0));
        assertThat(pool.blockLengthFor(null)).isEqualTo(32);
        assertThat(pool.blockLengthFor(32)).isEqualTo(32);
        assertThatThrownBy(() -> pool.blockLengthFor(29))
                .isInstanceOf(IpamValidationException.class)
                .hasMessage("pool singles hands out single addresses, not /29 blocks");
    }

    @Test
    void aPrefixPoolHandsOutItsOwnLengthUnlessAnotherFitsTheFamily() {
        Pool pool = pool(v6, NewPool.prefixes("customers", 0, 56));
        assertThat(pool.blockLengthFor(null)).isEqualTo(56);
        assertThat(pool.blockLengthFor(64)).isEqualTo(64);
        assertThatThrownBy(() -> pool.blockLengthFor(129))
                .isInstanceOf(IpamValidationException.class)
                .hasMessage("prefixLength must be between 0 and 128, got 129");
        assertThatThrownBy(() -> pool.blockLengthFor(-1)).isInstanceOf(IpamValidationException.class);
    }

    @Test
    void servicesGetTheLowestFreeAddressesInTurnAndKeepWhatTheyHold() {
        Pool pool = pool(v4, NewPool.addresses("singles", 0));
        Map<Long, Assignment> held = new HashMap<>();
        PoolAllocation allocation = new PoolAllocation(pool, runs(pool, v4.unavailableWithin(pool.range())), held, NOW);

        Assignment first = allocation.blockFor(7, null);
        Assignment second = allocation.blockFor(8, null);
        Assignment again = allocation.blockFor(7, null);

        // .0 is the network address, .1 the gateway
        assertThat(first.address()).isEqualTo("192.0.2.2");
        assertThat(second.address()).isEqualTo("192.0.2.3");
        assertThat(again).isSameAs(first);
        assertThat(first.status()).isEqualTo(AssignmentStatus.ASSIGNED);
        assertThat(first.assignedAt()).isEqualTo(NOW);
        assertThat(first.poolId()).isEqualTo(pool.id());
        assertThat(first.subnetId()).isEqualTo(pool.subnetId());
        assertThat(first.id()).as("not stored yet").isZero();
        assertThat(allocation.newBlocks()).containsExactly(first, second);
        assertThat(held).containsEntry(7L, first).containsEntry(8L, second);
    }

    @Test
    void aBlockHeldBeforeTheBatchIsAnsweredAndNothingIsTaken() {
        Pool pool = pool(v4, NewPool.addresses("singles", 0));
        Assignment before = Assignment.assigned(pool, 9, AddressRange.single(value("192.0.2.40")), 32, NOW);
        Map<Long, Assignment> held = new HashMap<>(Map.of(9L, before));
        PoolAllocation allocation = new PoolAllocation(pool, runs(pool, List.of()), held, NOW);

        assertThat(allocation.blockFor(9, null)).isSameAs(before);
        assertThat(allocation.newBlocks()).isEmpty();
        assertThat(allocation.runs().added()).isEmpty();
    }

    @Test
    void prefixBlocksAreAlignedToTheirSize() {
        Pool pool = pool(v6, NewPool.prefixes("customers", 0, 56));
        PoolAllocation allocation = new PoolAllocation(pool, runs(pool, v6.unavailableWithin(pool.range())),
                new HashMap<>(), NOW);

        // the subnet-router anycast address 2001:db8:: is occupied: no block may start there
        assertThat(allocation.blockFor(1, null).address()).isEqualTo("2001:db8:0:100::/56");
        assertThat(allocation.blockFor(2, 64).address()).isEqualTo("2001:db8:0:1::/64");
        assertThat(allocation.blockFor(3, null).address()).isEqualTo("2001:db8:0:200::/56");
    }

    @Test
    void aFailedRequestTakesNothingAndLeavesTheOthersServed() {
        Pool pool = pool(Subnet.define(NewSubnet.of("198.51.100.0/29")), NewPool.prefixes("small", 0, 30));
        List<AddressRange> occupied = List.of(AddressRange.single(value("198.51.100.0")));
        PoolAllocation allocation = new PoolAllocation(pool, runs(pool, occupied), new HashMap<>(), NOW);

        assertThat(allocation.blockFor(1, null).address()).isEqualTo("198.51.100.4/30");
        assertThatThrownBy(() -> allocation.blockFor(2, null))
                .isInstanceOf(PoolExhaustedException.class)
                .hasMessage("pool small has no free /30 block");
        assertThatThrownBy(() -> allocation.blockFor(3, 33)).isInstanceOf(IpamValidationException.class);
        assertThat(allocation.blockFor(4, 32).address()).isEqualTo("198.51.100.1");
        assertThat(allocation.newBlocks()).extracting(Assignment::serviceId).containsExactly(1L, 4L);
    }

    @Test
    void releasingWithoutQuarantineFreesTheBlockAtOnce() {
        Assignment held = assignedBlock();
        Instant later = NOW.plus(Duration.ofDays(3));

        Assignment released = held.releasedAt(later, Duration.ZERO);

        assertThat(released.status()).isEqualTo(AssignmentStatus.RELEASED);
        assertThat(released.releasedAt()).isEqualTo(later);
        assertThat(released.reusableAt()).isNull();
        assertThat(released).usingRecursiveComparison().ignoringFields("status", "releasedAt").isEqualTo(held);
    }

    @Test
    void releasingWithQuarantineKeepsTheBlockOutOfUseUntilItEnds() {
        Assignment held = assignedBlock();
        Instant later = NOW.plus(Duration.ofDays(3));

        Assignment quarantined = held.releasedAt(later, Duration.ofHours(6));
        Assignment over = quarantined.quarantineOver();

        assertThat(quarantined.status()).isEqualTo(AssignmentStatus.QUARANTINED);
        assertThat(quarantined.releasedAt()).isEqualTo(later);
        assertThat(quarantined.reusableAt()).isEqualTo(later.plus(Duration.ofHours(6)));
        assertThat(over.status()).isEqualTo(AssignmentStatus.RELEASED);
        assertThat(over.releasedAt()).isEqualTo(later);
        assertThat(over.reusableAt()).isEqualTo(quarantined.reusableAt());
        assertThat(pool(v4, NewPool.addresses("singles", 0)).quarantines()).isFalse();
        assertThat(pool(v4, new NewPool("held", 0, PoolKind.ADDRESS, null, null, Duration.ofHours(6))).quarantines())
                .isTrue();
    }

    @Test
    void aChildSubnetFitsOnlyInsideALargerSubnetOfItsFamily() {
        Subnet parent = Subnet.define(NewSubnet.of("10.0.0.0/16"));
        assertThat(Subnet.define(NewSubnet.of("10.0.4.0/24")).fitsInside(parent)).isTrue();
        assertThat(Subnet.define(NewSubnet.of("10.0.0.0/16")).fitsInside(parent)).as("same size").isFalse();
        assertThat(Subnet.define(NewSubnet.of("10.0.0.0/8")).fitsInside(parent)).as("larger").isFalse();
        assertThat(Subnet.define(NewSubnet.of("10.1.0.0/24")).fitsInside(parent)).as("outside").isFalse();
        assertThat(Subnet.define(NewSubnet.of("::a00:0/120")).fitsInside(parent)).as("other family").isFalse();
    }

    private Assignment assignedBlock() {
        Pool pool = pool(v4, NewPool.addresses("singles", 0));
        return Assignment.assigned(pool, 5, AddressRange.single(value("192.0.2.9")), 32, NOW).withId(31);
    }

    private static Pool pool(Subnet subnet, NewPool request) {
        return Pool.define(request, subnet.withId(3)).withId(11);
    }

    /** Occupied runs read from a list instead of the database, page by page as the allocator reads them. */
    private static OccupiedRuns runs(Pool pool, List<AddressRange> stored) {
        List<AddressRange> rows = new ArrayList<>(stored);
        return new OccupiedRuns(pool.range(), (after, limit) -> rows.stream()
                .filter(r -> after == null || r.first().compareTo(after) > 0)
                .limit(limit)
                .toList());
    }

    private static BigInteger value(String address) {
        return AddressText.valueOf(address, "address");
    }
}
