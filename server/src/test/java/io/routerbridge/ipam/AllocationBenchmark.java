package io.routerbridge.ipam;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.config.DatabaseConfig;
import io.routerbridge.config.Secret;
import io.routerbridge.db.Database;
import io.routerbridge.testsupport.TestDatabase;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocation throughput and latency against real MariaDB, next to a naive read-then-insert
 * allocator (no lock, no unique key) run the same way. Reports; never fails on slowness.
 */
@Tag("benchmark")
class AllocationBenchmark {
    private static final int THREADS = 64;
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    /** Wide enough for one connection per thread. */
    private static HikariDataSource widePool;
    private static DSLContext dsl;
    private static SubnetService subnets;
    private static PoolService pools;
    private static IpAllocator allocator;
    private static long nextService = 1;

    @BeforeAll
    static void start() throws Exception {
        widePool = Database.pool(new DatabaseConfig(db.jdbcUrl(), db.user(), new Secret(db.password()), THREADS + 4));
        dsl = Database.dsl(widePool);
        subnets = new SubnetService(new SubnetRepository(dsl));
        pools = new PoolService(new PoolRepository(dsl));
        allocator = new IpAllocator(new AllocationRepository(dsl));
    }

    @AfterAll
    static void stop() {
        widePool.close();
    }

    @Test
    void allocation() throws Exception {
        warmUp();

        Pool emptySlash24 = addressPool("10.1.0.0/24", "bench-empty-24");
        Latencies empty = sequential(emptySlash24, 250, null);
        report("empty /24, 1 thread", empty);

        Pool fullSlash16 = addressPool("10.2.0.0/16", "bench-90pct-16");
        prefillNinetyPercent(fullSlash16);
        Latencies full = sequential(fullSlash16, 2_000, null);
        report("90%-full /16, 1 thread", full);
        line("p50 90%-full /16 / p50 empty /24", String.format("%.2f", full.p50() / empty.p50()), "-", "-");

        Pool v6hosts = pools.create(NewPool.addresses("bench-v6-64", subnets.create(NewSubnet.of("2001:db8:1:1::/64")).id()));
        report("IPv6 /64 addresses, 1 thread", sequential(v6hosts, 2_000, null));
        Pool v6nets = pools.create(NewPool.prefixes("bench-v6-32", subnets.create(
                NewSubnet.of("2001:db9::/32").withRules(ReservationRules.NONE)).id(), 64));
        report("IPv6 /64s from a /32, 1 thread", sequential(v6nets, 2_000, null));

        Throughput naive = naiveConcurrent(20_000);
        for (boolean shared : new boolean[] {true, false}) {
            String how = shared ? "shared allocator" : "allocator per thread";
            Pool contended = addressPool(shared ? "10.3.0.0/16" : "10.4.0.0/16", "bench-contended-16-" + shared);
            Throughput ours = concurrent(List.of(contended), 20_000, shared);
            line("one /16, 64 threads (" + how + "), 20000 allocations", ours.perSecond() + " alloc/s",
                    naive.perSecond() + " alloc/s", String.format("%.2f", (double) ours.perSecond() / naive.perSecond()));
            line("one /16, 64 threads (" + how + "): p50 / p99", ours.latencies.p50() + " / " + ours.latencies.p99()
                    + " ms", naive.latencies.p50() + " / " + naive.latencies.p99() + " ms", "-");
            line("one /16, 64 threads (" + how + "): duplicates / failures", ours.duplicates + " / " + ours.failures,
                    naive.duplicates + " / " + naive.failures, "-");
        }

        // baseline: the same load through one allocator per thread, so no two requests share a transaction
        Throughput unbatched = concurrent(eightPools(40), 20_000, false);
        Throughput spread = concurrent(eightPools(20), 20_000, true);
        line("8 pools, 64 threads (shared allocator vs per thread), 20000", spread.perSecond() + " alloc/s",
                unbatched.perSecond() + " alloc/s",
                String.format("%.2f", (double) spread.perSecond() / unbatched.perSecond()));
        line("8 pools, 64 threads: p50 / p99", spread.latencies.p50() + " / " + spread.latencies.p99() + " ms",
                unbatched.latencies.p50() + " / " + unbatched.latencies.p99() + " ms", "-");
        line("8 pools, 64 threads: duplicates / failures", spread.duplicates + " / " + spread.failures,
                unbatched.duplicates + " / " + unbatched.failures, "-");

        Pool v6concurrent = pools.create(NewPool.prefixes("bench-v6-32-concurrent", subnets.create(
                NewSubnet.of("2001:dbb::/32").withRules(ReservationRules.NONE)).id(), 64));
        Throughput v6 = concurrent(List.of(v6concurrent), 10_000, true);
        line("IPv6 /64s from a /32, 64 threads (shared allocator), 10000", v6.perSecond() + " alloc/s", "-", "-");
        line("IPv6 /64s from a /32, 64 threads: duplicates / failures", v6.duplicates + " / " + v6.failures, "-", "-");
    }

    private static List<Pool> eightPools(int firstOctet) {
        List<Pool> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(addressPool("10." + (firstOctet + i) + ".0.0/16", "bench-eight-" + (firstOctet + i)));
        }
        return eight;
    }

    private static Pool addressPool(String cidr, String name) {
        return pools.create(NewPool.addresses(name, subnets.create(NewSubnet.of(cidr)).id()));
    }

    private static void warmUp() {
        Pool pool = addressPool("10.0.0.0/24", "bench-warm-up");
        sequential(pool, 200, null);
    }

    /** Every address of the /16 except those ending in 0 (mod 10) is taken: one bulk INSERT, plus its runs. */
    private static void prefillNinetyPercent(Pool pool) throws Exception {
        BigInteger first = pool.range().first();
        try (Connection c = widePool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO mod_routerbridge_ipam_assignment (pool_id, subnet_id, service_id, family, "
                    + "first_value, last_value, prefix_length, address, status, assigned_at, live_first_value, "
                    + "live_service_id) SELECT " + pool.id() + ", " + pool.subnetId() + ", 900000000 + seq, 4, "
                    + first + " + seq, " + first + " + seq, 32, INET_NTOA(" + first + " + seq), 'ASSIGNED', NOW(3), "
                    + first + " + seq, 900000000 + seq FROM seq_1_to_65534 WHERE seq % 10 <> 0");
            s.executeUpdate("DELETE FROM mod_routerbridge_ipam_occupied WHERE pool_id = " + pool.id());
            s.executeUpdate("INSERT INTO mod_routerbridge_ipam_occupied (pool_id, first_value, last_value) SELECT "
                    + pool.id() + ", " + first + " + IF(seq = 0, 0, seq * 10 + 1), " + first
                    + " + LEAST(seq * 10 + 9, 65535) FROM seq_0_to_6553");
        }
    }

    private static Latencies sequential(Pool pool, int count, Integer prefixLength) {
        double[] ms = new double[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            if (prefixLength == null) {
                allocator.allocate(pool.id(), nextService++);
            } else {
                allocator.allocatePrefix(pool.id(), nextService++, prefixLength);
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Latencies(ms, System.nanoTime() - start);
    }

    record Latencies(double[] ms, long elapsedNanos) {
        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double percentile(double p) {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            return Math.round(sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 100) / 100.0;
        }

        long perSecond() {
            return Math.round(ms.length / (elapsedNanos / 1e9));
        }
    }

    record Throughput(Latencies latencies, long duplicates, long failures) {
        long perSecond() {
            return latencies.perSecond();
        }
    }

    private static void report(String name, Latencies l) {
        line(name + ": rate", l.perSecond() + " alloc/s", "-", "-");
        line(name + ": p50 / p99", l.p50() + " / " + l.p99() + " ms", "-", "-");
    }

    private static void line(String name, String value, String baseline, String ratio) {
        System.out.println("BENCH | " + name + " | " + value + " | " + baseline + " | " + (ratio.equals("-") ? "-" : ratio + "x"));
    }

    interface Allocation {
        void run(Connection connection, DSLContext dsl, long serviceId, int thread) throws Exception;
    }

    /**
     * {@code shared}: all threads call one allocator over the connection pool, as the service does.
     * Otherwise every thread has its own allocator on its own connection (separate processes, in effect).
     */
    private static Throughput concurrent(List<Pool> targets, int count, boolean shared) throws Exception {
        long firstService = nextService;
        nextService += count;
        IpAllocator sharedAllocator = new IpAllocator(new AllocationRepository(dsl));
        IpAllocator[] own = new IpAllocator[THREADS];
        Latencies latencies = runThreads(count, !shared, (connection, threadDsl, i, thread) -> {
            Pool pool = targets.get(thread % targets.size());
            IpAllocator allocator = sharedAllocator;
            if (!shared) {
                if (own[thread] == null) {
                    own[thread] = new IpAllocator(new AllocationRepository(threadDsl));
                }
                allocator = own[thread];
            }
            allocator.allocate(pool.id(), firstService + i);
        });
        long failures = count - 0L;
        long duplicates;
        try (Connection c = widePool.getConnection(); Statement s = c.createStatement()) {
            StringBuilder ids = new StringBuilder();
            for (Pool p : targets) {
                ids.append(ids.length() == 0 ? "" : ",").append(p.id());
            }
            ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT pool_id, first_value) FROM "
                    + "mod_routerbridge_ipam_assignment WHERE pool_id IN (" + ids + ") AND status = 'ASSIGNED'");
            rs.next();
            failures = count - rs.getLong(1);
            duplicates = rs.getLong(1) - rs.getLong(2);
        }
        return new Throughput(latencies, duplicates, failures);
    }

    /** Read the highest used address, insert the next one: what the competitors do, with no lock and no UNIQUE. */
    private static Throughput naiveConcurrent(int count) throws Exception {
        try (Connection c = widePool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE naive_ip (id BIGINT AUTO_INCREMENT PRIMARY KEY, subnet_id BIGINT NOT NULL, "
                    + "ip DECIMAL(39,0) NOT NULL, service_id BIGINT NOT NULL) ENGINE=InnoDB");
            s.execute("CREATE INDEX idx_naive_ip ON naive_ip (subnet_id, ip)");
        }
        long first = 0x0A040000L;
        Latencies latencies = runThreads(count, true, (connection, dsl, i, thread) -> {
            long next;
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT COALESCE(MAX(ip), ?) FROM naive_ip WHERE subnet_id = 1")) {
                read.setLong(1, first);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1) + 1;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO naive_ip (subnet_id, ip, service_id) VALUES (1, ?, ?)")) {
                insert.setLong(1, next);
                insert.setLong(2, i);
                insert.executeUpdate();
            }
        });
        try (Connection c = widePool.getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT ip) FROM naive_ip");
            rs.next();
            return new Throughput(latencies, rs.getLong(1) - rs.getLong(2), count - rs.getLong(1));
        }
    }

    private static Latencies runThreads(int count, boolean connectionPerThread, Allocation allocation)
            throws Exception {
        AtomicLong next = new AtomicLong();
        List<double[]> perThread = Collections.synchronizedList(new ArrayList<>());
        List<Connection> connections = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < THREADS; t++) {
            Connection connection = connectionPerThread ? widePool.getConnection() : null;
            if (connection != null) {
                connections.add(connection);
            }
            DSLContext dsl = connection == null ? null : DSL.using(connection, SQLDialect.MARIADB);
            int thread = t;
            Thread th = new Thread(() -> {
                List<Double> mine = new ArrayList<>();
                try {
                    go.await();
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            allocation.run(connection, dsl, i, thread);
                        } catch (Exception e) {
                            // counted as a failure by the caller, from what reached the database
                        }
                        mine.add((System.nanoTime() - t0) / 1e6);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                perThread.add(mine.stream().mapToDouble(Double::doubleValue).toArray());
            });
            th.start();
            threads.add(th);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        long elapsed = System.nanoTime() - start;
        for (Connection c : connections) {
            c.close();
        }
        double[] all = perThread.stream().flatMapToDouble(Arrays::stream).toArray();
        return new Latencies(all, elapsed);
    }
}
