package io.routerbridge.ipam;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.config.DatabaseConfig;
import io.routerbridge.config.Secret;
import io.routerbridge.db.Database;
import io.routerbridge.testsupport.TestDatabase;

import java.math.BigInteger;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static org.assertj.core.api.Assertions.assertThat;

/** 64 allocators, each on its own connection, against one pool. */
class ConcurrentAllocationTest {
    private static final int THREADS = 64;
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    /** Wide enough for one connection per thread. */
    private static HikariDataSource widePool;
    private static DSLContext dsl;
    private static SubnetService subnets;
    private static PoolService pools;

    @BeforeAll
    static void start() throws Exception {
        widePool = Database.pool(new DatabaseConfig(db.jdbcUrl(), db.user(), new Secret(db.password()), THREADS + 4));
        dsl = Database.dsl(widePool);
        subnets = new SubnetService(new SubnetRepository(dsl));
        pools = new PoolService(new PoolRepository(dsl));
    }

    @AfterAll
    static void stop() {
        widePool.close();
    }

    @Test
    void twentyThousandAddressesFromAnIpv4Slash16() throws Exception {
        Subnet subnet = subnets.create(NewSubnet.of("10.16.0.0/16"));
        Pool pool = pools.create(NewPool.addresses("v4-16", subnet.id()));
        List<Assignment> got = allocateConcurrently(pool, 20_000, 1_000_000, null, 8);

        assertThat(got).hasSize(20_000);
        assertThat(distinctFirsts(got)).hasSize(20_000);
        // first fit: exactly the 20,000 lowest usable addresses, network address skipped
        Set<BigInteger> expected = new HashSet<>();
        for (int i = 1; i <= 20_000; i++) {
            expected.add(subnet.range().first().add(BigInteger.valueOf(i)));
        }
        assertThat(distinctFirsts(got)).isEqualTo(expected);
        assertThat(dsl.fetchCount(MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT,
                MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT.POOL_ID.eq(pool.id()))).isEqualTo(20_000);
        assertOccupiedSpaceIsConsistent(pool, subnet);
    }

    @Test
    void ipv6SlashSixtyFoursFromASlash32() throws Exception {
        Subnet subnet = subnets.create(NewSubnet.of("2001:db8::/32").withRules(ReservationRules.NONE));
        Pool pool = pools.create(NewPool.prefixes("v6-64s", subnet.id(), 64));
        List<Assignment> got = allocateConcurrently(pool, 2_000, 2_000_000, null, THREADS);
        assertThat(distinctFirsts(got)).hasSize(2_000);
        BigInteger size = BigInteger.ONE.shiftLeft(64);
        for (Assignment a : got) {
            assertThat(a.prefixLength()).isEqualTo(64);
            assertThat(a.range().first().mod(size)).isEqualTo(BigInteger.ZERO);
            assertThat(a.range().size()).isEqualTo(size);
            assertThat(a.address()).endsWith("::/64").startsWith("2001:db8:");
        }
        assertOccupiedSpaceIsConsistent(pool, subnet);
    }

    @Test
    void singleAddressesFromAnIpv6SlashSixtyFour() throws Exception {
        Subnet subnet = subnets.create(NewSubnet.of("2001:dba:ffff:1::/64").withGateway("2001:dba:ffff:1::1")
                .withExcluded("2001:dba:ffff:1::10-2001:dba:ffff:1::1f"));
        Pool pool = pools.create(NewPool.addresses("v6-hosts", subnet.id()));
        List<Assignment> got = allocateConcurrently(pool, 2_000, 3_000_000, null, THREADS);
        assertThat(distinctFirsts(got)).hasSize(2_000);
        for (Assignment a : got) {
            for (AddressRange unavailable : subnet.unavailable()) {
                assertThat(unavailable.overlaps(a.range())).isFalse();
            }
        }
        assertOccupiedSpaceIsConsistent(pool, subnet);
    }

    /**
     * Two allocator instances (two "processes") with 32 threads each, every thread asking in turn for
     * one of four pools, one of them a /29 with room for 6, and a pool id that does not exist. A batch
     * spans several pools; one pool's exhaustion or a missing pool fails only its own requests.
     */
    @Test
    void batchesSpanningPoolsKeepEachPoolsOutcomesApart() throws Exception {
        List<Pool> roomy = new ArrayList<>();
        List<Subnet> roomySubnets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Subnet subnet = subnets.create(NewSubnet.of("10.18." + (i * 16) + ".0/20"));
            roomySubnets.add(subnet);
            roomy.add(pools.create(NewPool.addresses("multi-" + i, subnet.id())));
        }
        Subnet tinySubnet = subnets.create(NewSubnet.of("10.18.200.0/29"));
        Pool tiny = pools.create(NewPool.addresses("multi-tiny", tinySubnet.id()));
        long missingPool = tiny.id() + 1_000;
        int perThread = 50;
        Map<Long, List<Assignment>> byPool = new ConcurrentHashMap<>();
        AtomicInteger exhausted = new AtomicInteger();
        AtomicInteger notFound = new AtomicInteger();

        List<Throwable> failures = runConcurrently(2, (allocator, thread) -> {
            for (int i = 0; i < perThread; i++) {
                long service = 4_000_000L + thread * 1_000L + i;
                int pick = (thread + i) % 5;
                try {
                    long poolId = pick < 3 ? roomy.get(pick).id() : pick == 3 ? tiny.id() : missingPool;
                    Assignment got = allocator.allocate(poolId, service);
                    byPool.computeIfAbsent(poolId, id -> new CopyOnWriteArrayList<>()).add(got);
                } catch (PoolExhaustedException e) {
                    exhausted.incrementAndGet();
                } catch (IpamNotFoundException e) {
                    notFound.incrementAndGet();
                }
            }
        });

        assertThat(failures).isEmpty();
        int requestsPerPick = THREADS * perThread / 5;
        assertThat(byPool.get(tiny.id())).hasSize(6);
        assertThat(exhausted.get()).isEqualTo(requestsPerPick - 6);
        assertThat(notFound.get()).isEqualTo(requestsPerPick);
        assertThat(byPool).doesNotContainKey(missingPool);
        for (int i = 0; i < 3; i++) {
            List<Assignment> got = byPool.get(roomy.get(i).id());
            assertThat(got).hasSize(requestsPerPick);
            assertThat(distinctFirsts(got)).hasSize(requestsPerPick);
            assertThat(got).allSatisfy(a -> assertThat(a.id()).isPositive());
            assertOccupiedSpaceIsConsistent(roomy.get(i), roomySubnets.get(i));
        }
        assertOccupiedSpaceIsConsistent(tiny, tinySubnet);
    }

    @Test
    void allocateReleaseChurnNeverGivesOneAddressToTwoLiveServices() throws Exception {
        Subnet subnet = subnets.create(NewSubnet.of("10.17.0.0/24").withGateway("10.17.0.1").withExcluded("10.17.0.100"));
        Pool pool = pools.create(NewPool.addresses("churn-v4", subnet.id()));
        churn(pool, subnet, 3, 40);
    }

    @Test
    void prefixChurnNeverGivesOneBlockToTwoLiveServices() throws Exception {
        Subnet subnet = subnets.create(NewSubnet.of("2001:db9:8000::/48").withRules(ReservationRules.NONE));
        Pool pool = pools.create(NewPool.prefixes("churn-v6", subnet.id(), 64));
        churn(pool, subnet, 3, 40);
    }

    /**
     * Each thread owns its own services, holds at most {@code maxHeld} of them at a time and
     * randomly allocates or releases. An owner map claims each block when it is handed out and
     * gives it up before the release is sent, so a claim collision can only mean a double hand-out.
     */
    private void churn(Pool pool, Subnet subnet, int maxHeld, int opsPerThread) throws Exception {
        Map<BigInteger, Long> owner = new ConcurrentHashMap<>();
        AtomicInteger collisions = new AtomicInteger();
        AtomicInteger releases = new AtomicInteger();
        List<Throwable> failures = runOnOwnConnections((allocator, thread) -> {
            Random random = new Random(thread);
            Deque<Assignment> held = new ArrayDeque<>();
            long nextService = 10_000_000L + thread * 100_000L;
            for (int op = 0; op < opsPerThread; op++) {
                if (held.size() < maxHeld && (held.isEmpty() || random.nextBoolean())) {
                    Assignment a = allocator.allocate(pool.id(), nextService++);
                    Long previous = owner.putIfAbsent(a.range().first(), a.serviceId());
                    if (previous != null) {
                        collisions.incrementAndGet();
                    }
                    held.add(a);
                } else {
                    Assignment a = random.nextBoolean() ? held.pollFirst() : held.pollLast();
                    owner.remove(a.range().first(), a.serviceId());
                    assertThat(allocator.release(a.serviceId(), pool.id())).isPresent();
                    releases.incrementAndGet();
                }
            }
            for (Assignment a : held) {
                assertThat(owner.get(a.range().first())).isEqualTo(a.serviceId());
            }
        });
        assertThat(failures).isEmpty();
        assertThat(collisions.get()).isZero();
        assertThat(releases.get()).isGreaterThan(THREADS * 10);
        List<Assignment> live = new IpAllocator(new AllocationRepository(dsl)).assignmentsInPool(pool.id());
        assertThat(live).hasSize(owner.size());
        for (Assignment a : live) {
            assertThat(owner.get(a.range().first())).isEqualTo(a.serviceId());
        }
        assertOccupiedSpaceIsConsistent(pool, subnet);
    }

    private List<Assignment> allocateConcurrently(Pool pool, int count, long firstService, Integer prefixLength,
                                                  int instances) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Assignment> got = new CopyOnWriteArrayList<>();
        List<Throwable> failures = runConcurrently(instances, (allocator, thread) -> {
            List<Assignment> mine = new ArrayList<>();
            for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                mine.add(prefixLength == null
                        ? allocator.allocate(pool.id(), firstService + i)
                        : allocator.allocatePrefix(pool.id(), firstService + i, prefixLength));
            }
            got.addAll(mine);
        });
        assertThat(failures).isEmpty();
        return got;
    }

    interface Worker {
        void run(IpAllocator allocator, int thread) throws Exception;
    }

    /** Runs one worker per thread, each with an allocator bound to its own connection; returns failures. */
    private static List<Throwable> runOnOwnConnections(Worker worker) throws Exception {
        return runConcurrently(THREADS, worker);
    }

    /**
     * Runs one worker per thread. With {@code instances == THREADS} every thread has its own allocator
     * bound to its own connection, so all contention meets in the database; with fewer, threads share
     * allocators over the connection pool, so requests are also batched inside each allocator.
     */
    private static List<Throwable> runConcurrently(int instances, Worker worker) throws Exception {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Connection> connections = new ArrayList<>();
        List<IpAllocator> shared = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch startTogether = new CountDownLatch(1);
        try {
            for (int t = 0; t < THREADS; t++) {
                IpAllocator allocator;
                if (instances == THREADS) {
                    Connection connection = widePool.getConnection();
                    connections.add(connection);
                    allocator = new IpAllocator(new AllocationRepository(DSL.using(connection, SQLDialect.MARIADB)));
                } else if (t < instances) {
                    allocator = new IpAllocator(new AllocationRepository(dsl));
                    shared.add(allocator);
                } else {
                    allocator = shared.get(t % instances);
                }
                int thread = t;
                Thread th = new Thread(() -> {
                    try {
                        startTogether.await();
                        worker.run(allocator, thread);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "allocator-" + t);
                th.start();
                threads.add(th);
            }
            startTogether.countDown();
            for (Thread th : threads) {
                th.join();
            }
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
        return failures;
    }

    private static Set<BigInteger> distinctFirsts(List<Assignment> assignments) {
        Set<BigInteger> firsts = new HashSet<>();
        for (Assignment a : assignments) {
            firsts.add(a.range().first());
        }
        return firsts;
    }

    /** Occupied runs are sorted, disjoint, non-adjacent, and cover exactly unavailable + live space. */
    private static void assertOccupiedSpaceIsConsistent(Pool pool, Subnet subnet) {
        List<AddressRange> runs = dsl.select(MOD_ROUTERBRIDGE_IPAM_OCCUPIED.FIRST_VALUE,
                        MOD_ROUTERBRIDGE_IPAM_OCCUPIED.LAST_VALUE)
                .from(MOD_ROUTERBRIDGE_IPAM_OCCUPIED)
                .where(MOD_ROUTERBRIDGE_IPAM_OCCUPIED.POOL_ID.eq(pool.id()))
                .orderBy(MOD_ROUTERBRIDGE_IPAM_OCCUPIED.FIRST_VALUE)
                .fetch(r -> new AddressRange(r.value1(), r.value2()));
        List<AddressRange> expected = new ArrayList<>(subnet.unavailableWithin(pool.range()));
        for (Assignment a : new IpAllocator(new AllocationRepository(dsl)).assignmentsInPool(pool.id())) {
            expected.add(a.range());
        }
        assertThat(runs).isEqualTo(AddressRange.coalesce(expected));
    }
}
