package io.routerbridge.ipam;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.routerbridge.testsupport.TestDatabase;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpAllocatorTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    private static final MutableClock clock = new MutableClock();
    private static SubnetService subnets;
    private static PoolService pools;
    private static IpAllocator allocator;

    @BeforeAll
    static void start() {
        subnets = new SubnetService(new SubnetRepository(db.dsl()), clock);
        pools = new PoolService(new PoolRepository(db.dsl()), clock);
        allocator = new IpAllocator(new AllocationRepository(db.dsl()), clock);
    }

    @Test
    void handsOutLowestFreeAddressesSkippingReservedAndExcluded() {
        Subnet subnet = subnets.create(NewSubnet.of("192.0.2.0/28").withGateway("192.0.2.1")
                .withExcluded("192.0.2.5-192.0.2.7", "192.0.2.10"));
        Pool pool = pools.create(NewPool.addresses("public-v4", subnet.id()));

        List<String> handedOut = new ArrayList<>();
        for (long service = 1; service <= 8; service++) {
            handedOut.add(allocator.allocate(pool.id(), service).address());
        }
        assertThat(handedOut).containsExactly("192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.8", "192.0.2.9",
                "192.0.2.11", "192.0.2.12", "192.0.2.13");
        assertThat(allocator.allocate(pool.id(), 9).address()).isEqualTo("192.0.2.14");

        int rowsBefore = assignmentRows();
        assertThatThrownBy(() -> allocator.allocate(pool.id(), 10))
                .isInstanceOf(PoolExhaustedException.class)
                .hasMessage("pool public-v4 has no free address");
        assertThat(assignmentRows()).isEqualTo(rowsBefore);
        // everything in the /28 is occupied now, as one run
        assertThat(db.dsl().fetchCount(MOD_ROUTERBRIDGE_IPAM_OCCUPIED,
                MOD_ROUTERBRIDGE_IPAM_OCCUPIED.POOL_ID.eq(pool.id()))).isEqualTo(1);
    }

    @Test
    void askingAgainForTheSameServiceReturnsTheSameAssignment() {
        Subnet subnet = subnets.create(NewSubnet.of("198.51.100.0/24"));
        Pool pool = pools.create(NewPool.addresses("idempotent", subnet.id()));
        Assignment first = allocator.allocate(pool.id(), 4242);
        Assignment again = allocator.allocate(pool.id(), 4242);
        assertThat(again).isEqualTo(first);
        assertThat(allocator.allocate(pool.id(), 4243).address()).isEqualTo("198.51.100.2");
        assertThat(allocator.assignmentsOf(4242)).containsExactly(first);
    }

    @Test
    void allocateAllTakesBlocksFromSeveralPoolsAndKeepsWhatSucceededWhenOnePoolIsFull() {
        Pool addresses = pools.create(NewPool.addresses("all-public", subnets.create(NewSubnet.of("198.18.0.0/30")).id()));
        Pool prefixes = pools.create(NewPool.prefixes("all-tenants",
                subnets.create(NewSubnet.of("10.201.0.0/24").withRules(ReservationRules.NONE)).id(), 29));
        List<IpAllocator.Wanted> both = List.of(IpAllocator.Wanted.block(addresses.id()),
                IpAllocator.Wanted.block(prefixes.id(), 28));

        List<Assignment> first = allocator.allocateAll(700, both);
        assertThat(first).extracting(Assignment::address).containsExactly("198.18.0.1", "10.201.0.0/28");
        assertThat(allocator.allocateAll(700, both)).isEqualTo(first);
        assertThat(allocator.allocateAll(701, both)).extracting(Assignment::address)
                .containsExactly("198.18.0.2", "10.201.0.16/28");

        // the /30 has two usable addresses: 702 still gets its prefix, then hears that the address pool is full
        assertThatThrownBy(() -> allocator.allocateAll(702, both)).isInstanceOf(PoolExhaustedException.class)
                .hasMessageContaining("all-public");
        assertThat(allocator.assignmentsOf(702)).extracting(Assignment::address).containsExactly("10.201.0.32/28");
    }

    @Test
    void releasingAnAssignmentByIdNeverTouchesTheServicesNewerBlock() {
        Pool pool = pools.create(NewPool.addresses("by-id", subnets.create(NewSubnet.of("198.18.1.0/29")).id()));
        Assignment old = allocator.allocate(pool.id(), 800);
        assertThat(allocator.release(800, pool.id())).isPresent();
        Assignment newer = allocator.allocate(pool.id(), 800);
        // a listing taken before the release still names the old assignment: releasing it again does nothing
        assertThat(allocator.releaseAssignment(pool.id(), old.id())).isEmpty();
        assertThat(allocator.assignmentsOf(800)).containsExactly(newer);

        assertThat(allocator.releaseAssignment(pool.id(), newer.id())).get()
                .satisfies(released -> assertThat(released.status()).isEqualTo(AssignmentStatus.RELEASED));
        assertThat(allocator.assignmentsOf(800)).isEmpty();
    }

    @Test
    void releasedAddressesAreReusedAtOnceByDefault() {
        Subnet subnet = subnets.create(NewSubnet.of("203.0.113.0/29"));
        Pool pool = pools.create(NewPool.addresses("reuse", subnet.id()));
        for (long service = 100; service < 106; service++) {
            allocator.allocate(pool.id(), service);
        }
        List<Assignment> released = allocator.release(102);
        assertThat(released).extracting(Assignment::address).containsExactly("203.0.113.3");
        assertThat(released.get(0).status()).isEqualTo(AssignmentStatus.RELEASED);
        assertThat(allocator.assignmentsOf(102)).isEmpty();
        assertThat(allocator.allocate(pool.id(), 200).address()).isEqualTo("203.0.113.3");
        assertThat(allocator.release(999)).isEmpty();
        // a released service asking again gets a fresh assignment
        assertThatThrownBy(() -> allocator.allocate(pool.id(), 102)).isInstanceOf(PoolExhaustedException.class);
        allocator.release(105, pool.id());
        assertThat(allocator.allocate(pool.id(), 102).address()).isEqualTo("203.0.113.6");
    }

    @Test
    void quarantineKeepsReleasedAddressesOutOfUseUntilItEnds() {
        Subnet subnet = subnets.create(NewSubnet.of("100.64.0.0/29"));
        Pool pool = pools.create(NewPool.addresses("quarantined", subnet.id()).withQuarantine(Duration.ofDays(7)));
        Assignment a = allocator.allocate(pool.id(), 1);
        allocator.allocate(pool.id(), 2);
        Assignment released = allocator.release(1, pool.id()).orElseThrow();
        assertThat(released.status()).isEqualTo(AssignmentStatus.QUARANTINED);
        assertThat(released.reusableAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));

        assertThat(allocator.allocate(pool.id(), 3).address()).isEqualTo("100.64.0.3");
        clock.advance(Duration.ofDays(7));
        assertThat(allocator.allocate(pool.id(), 4).address()).isEqualTo(a.address());
        assertThat(allocator.assignmentsInPool(pool.id())).extracting(Assignment::status)
                .containsOnly(AssignmentStatus.ASSIGNED);
    }

    @Test
    void prefixPoolsCarveAlignedBlocks() {
        Subnet subnet = subnets.create(NewSubnet.of("10.200.0.0/24").withRules(ReservationRules.NONE)
                .withExcluded("10.200.0.3"));
        Pool pool = pools.create(NewPool.prefixes("tenant-nets", subnet.id(), 29));
        assertThat(allocator.allocate(pool.id(), 1).address()).isEqualTo("10.200.0.8/29");
        assertThat(allocator.allocatePrefix(pool.id(), 2, 30).address()).isEqualTo("10.200.0.4/30");
        assertThat(allocator.allocatePrefix(pool.id(), 3, 28).address()).isEqualTo("10.200.0.16/28");
        assertThat(allocator.allocatePrefix(pool.id(), 4, 31).address()).isEqualTo("10.200.0.0/31");
        Assignment five = allocator.allocatePrefix(pool.id(), 5, 26);
        assertThat(five.address()).isEqualTo("10.200.0.64/26");
        assertThat(five.firstAddress()).isEqualTo("10.200.0.64");
        assertThat(allocator.allocatePrefix(pool.id(), 6, 25).address()).isEqualTo("10.200.0.128/25");
        assertThatThrownBy(() -> allocator.allocatePrefix(pool.id(), 7, 26))
                .isInstanceOf(PoolExhaustedException.class)
                .hasMessage("pool tenant-nets has no free /26 block");
        allocator.release(3);
        assertThat(allocator.allocatePrefix(pool.id(), 7, 28).address()).isEqualTo("10.200.0.16/28");
    }

    @Test
    void ipv6PrefixAndAddressPools() {
        Subnet supernet = subnets.create(NewSubnet.of("2001:db8::/32").withRules(ReservationRules.NONE));
        Pool nets = pools.create(NewPool.prefixes("v6-nets", supernet.id(), 64));
        assertThat(allocator.allocate(nets.id(), 1).address()).isEqualTo("2001:db8::/64");
        assertThat(allocator.allocate(nets.id(), 2).address()).isEqualTo("2001:db8:0:1::/64");
        assertThat(allocator.allocatePrefix(nets.id(), 3, 56).address()).isEqualTo("2001:db8:0:100::/56");

        Subnet lan = subnets.create(NewSubnet.of("2001:db9:0:1::/64").withGateway("2001:db9:0:1::1"));
        Pool hosts = pools.create(NewPool.addresses("v6-hosts", lan.id()));
        assertThat(allocator.allocate(hosts.id(), 1).address()).isEqualTo("2001:db9:0:1::2");
        Subnet p2p = subnets.create(NewSubnet.of("2001:db9:0:2::/127"));
        Pool link = pools.create(NewPool.addresses("v6-link", p2p.id()));
        assertThat(allocator.allocate(link.id(), 1).address()).isEqualTo("2001:db9:0:2::");
        assertThat(allocator.allocate(link.id(), 2).address()).isEqualTo("2001:db9:0:2::1");
        assertThatThrownBy(() -> allocator.allocate(link.id(), 3)).isInstanceOf(PoolExhaustedException.class);
        assertThatThrownBy(() -> allocator.allocatePrefix(hosts.id(), 9, 64))
                .isInstanceOfSatisfying(IpamValidationException.class, e -> assertThat(e.field()).isEqualTo("prefixLength"));
    }

    @Test
    void ipv4PointToPointAndHostSubnetsAreFullyUsable() {
        Pool slash31 = pools.create(NewPool.addresses("p2p", subnets.create(NewSubnet.of("172.31.0.0/31")).id()));
        Pool slash32 = pools.create(NewPool.addresses("host", subnets.create(NewSubnet.of("172.31.0.9/32")).id()));
        assertThat(allocator.allocate(slash31.id(), 1).address()).isEqualTo("172.31.0.0");
        assertThat(allocator.allocate(slash31.id(), 2).address()).isEqualTo("172.31.0.1");
        assertThat(allocator.allocate(slash32.id(), 1).address()).isEqualTo("172.31.0.9");
    }

    @Test
    void subnetsNestButDoNotOtherwiseOverlap() {
        Subnet parent = subnets.create(NewSubnet.of("10.50.0.0/16"));
        Subnet child = subnets.create(NewSubnet.of("10.50.1.0/24").withParent(parent.id()));
        Subnet grandchild = subnets.create(NewSubnet.of("10.50.1.128/25").withParent(child.id()));
        assertThat(grandchild.parentId()).isEqualTo(child.id());
        expectInvalid(() -> subnets.create(NewSubnet.of("10.50.2.0/24")), "cidr", "overlaps subnet 10.50.0.0/16");
        expectInvalid(() -> subnets.create(NewSubnet.of("10.50.1.0/26").withParent(parent.id())), "cidr",
                "overlaps subnet 10.50.1.0/24");
        expectInvalid(() -> subnets.create(NewSubnet.of("10.0.0.0/8")), "cidr", "overlaps");
        expectInvalid(() -> subnets.create(NewSubnet.of("10.51.0.0/24").withParent(parent.id())), "cidr",
                "not inside its parent");
        expectInvalid(() -> subnets.create(NewSubnet.of("10.50.1.0/24").withParent(parent.id())), "cidr", "overlaps");
        expectInvalid(() -> subnets.create(NewSubnet.of("10.52.0.0/24").withParent(987654)), "parentId", "does not exist");
        assertThat(subnets.list()).extracting(Subnet::cidr).contains("10.50.0.0/16", "10.50.1.0/24", "10.50.1.128/25");
        assertThat(subnets.get(child.id())).isEqualTo(child);
    }

    @Test
    void poolsDoNotOverlapAndNamesAreUnique() {
        Subnet subnet = subnets.create(NewSubnet.of("10.60.0.0/24").withExcluded("10.60.0.200-10.60.0.210"));
        Pool low = pools.create(NewPool.addresses("low", subnet.id()).withRange("10.60.0.0-10.60.0.99"));
        expectInvalid(() -> pools.create(NewPool.addresses("high", subnet.id()).withRange("10.60.0.99-10.60.0.255")),
                "range", "would overlap pool low");
        expectInvalid(() -> pools.create(NewPool.addresses("low", subnet.id()).withRange("10.60.0.100-10.60.0.255")),
                "name", "already exists");
        expectInvalid(() -> pools.create(NewPool.addresses("x", 123456789)), "subnetId", "does not exist");
        Pool high = pools.create(NewPool.addresses("high", subnet.id()).withRange("10.60.0.100-10.60.0.255"));
        assertThat(pools.get(high.id())).isEqualTo(high);
        assertThat(pools.findByName("low")).contains(low);
        assertThat(pools.listBySubnet(subnet.id())).containsExactly(high, low);
        assertThat(allocator.allocate(low.id(), 1).address()).isEqualTo("10.60.0.1");
        assertThat(allocator.allocate(high.id(), 1).address()).isEqualTo("10.60.0.100");
        assertThatThrownBy(() -> allocator.allocate(99999, 1)).isInstanceOf(IpamNotFoundException.class)
                .hasMessage("pool 99999 does not exist");
    }

    @Test
    void allocationsNeverTouchOccupiedSpace() {
        Subnet subnet = subnets.create(NewSubnet.of("10.70.0.0/26").withGateway("10.70.0.62")
                .withExcluded("10.70.0.10-10.70.0.12", "10.70.0.40"));
        Pool pool = pools.create(NewPool.addresses("full", subnet.id()));
        Set<BigInteger> handedOut = new HashSet<>();
        for (long service = 1; ; service++) {
            try {
                handedOut.add(allocator.allocate(pool.id(), service).range().first());
            } catch (PoolExhaustedException e) {
                break;
            }
        }
        Set<BigInteger> expected = new HashSet<>();
        for (long v = 0; v < 64; v++) {
            BigInteger value = subnet.range().first().add(BigInteger.valueOf(v));
            if (subnet.unavailable().stream().noneMatch(r -> r.contains(value))) {
                expected.add(value);
            }
        }
        assertThat(expected).hasSize(64 - 2 - 1 - 3 - 1);
        assertThat(handedOut).isEqualTo(expected);
    }

    private static int assignmentRows() {
        return db.dsl().fetchCount(MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT);
    }

    private static void expectInvalid(Runnable action, String field, String messagePart) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(IpamValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
