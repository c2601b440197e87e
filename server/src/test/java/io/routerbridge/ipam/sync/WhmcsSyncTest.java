package io.routerbridge.ipam.sync;

import static io.routerbridge.ipam.sync.SyncOutcome.ALREADY_ASSIGNED;
import static io.routerbridge.ipam.sync.SyncOutcome.ASSIGNED;
import static io.routerbridge.ipam.sync.SyncOutcome.CONFLICT;
import static io.routerbridge.ipam.sync.SyncOutcome.INVALID_TEXT;
import static io.routerbridge.ipam.sync.SyncOutcome.NOT_IN_ANY_SUBNET;
import static io.routerbridge.ipam.sync.SyncOutcome.OUTSIDE_POOLS;
import static io.routerbridge.ipam.sync.SyncOutcome.RESERVED;
import static io.routerbridge.ipam.sync.SyncOutcome.SERVICE_HOLDS_OTHER;
import static io.routerbridge.ipam.sync.SyncOutcome.SKIPPED_STATUS;
import static io.routerbridge.ipam.sync.SyncOutcome.WRONG_BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.ActionLogRepository;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.actionlog.LogFilter;
import io.routerbridge.jobs.JobProgress;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sync from tblhosting rows of every domainstatus against MariaDB, outcome by outcome. */
class WhmcsSyncTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private WhmcsFixture fixture;
    private WhmcsSync sync;
    private ActionLog log;
    private final List<Long> progress = new ArrayList<>();
    private final JobProgress recorder = new JobProgress() {
        @Override
        public void total(long total) {
            progress.add(-total);
        }

        @Override
        public void done(long done) {
            progress.add(done);
        }
    };

    @BeforeEach
    void setUp() {
        WhmcsFixture.reset(db);
        fixture = WhmcsFixture.layout(db);
        WhmcsFixture.seedServices(db);
        log = new ActionLog(new ActionLogRepository(db.dsl()), Clock.systemUTC());
        sync = new WhmcsSync(new WhmcsSyncRepository(db.dsl()), Clock.systemUTC(), log);
    }

    @Test
    void liveOnlySkipsEveryStatusButActiveAndSuspended() {
        SyncReport report = sync.run(true, Actor.apiKey("ops"), recorder);

        assertThat(report.rows()).isEqualTo(10);
        assertThat(report.items()).extracting(SyncItem::serviceId, SyncItem::status, SyncItem::text, SyncItem::outcome)
                .containsExactly(
                        tuple(1L, "Pending", "192.0.2.10", SKIPPED_STATUS),
                        tuple(2L, "Active", "192.0.2.11", ASSIGNED),
                        tuple(2L, "Active", "192.0.2.200", OUTSIDE_POOLS),
                        tuple(2L, "Active", "2001:db8:0:100::/56", ASSIGNED),
                        tuple(2L, "Active", "10.9.9.9", NOT_IN_ANY_SUBNET),
                        tuple(2L, "Active", "bogus", INVALID_TEXT),
                        tuple(3L, "Suspended", "192.0.2.12", ASSIGNED),
                        tuple(3L, "Suspended", "192.0.2.11", CONFLICT),
                        tuple(4L, "Terminated", "192.0.2.13", SKIPPED_STATUS),
                        tuple(5L, "Cancelled", "192.0.2.14", SKIPPED_STATUS),
                        tuple(6L, "Fraud", "192.0.2.15", SKIPPED_STATUS),
                        tuple(7L, "Completed", "192.0.2.16", SKIPPED_STATUS),
                        tuple(8L, "Active", "192.0.2.1", RESERVED),
                        tuple(9L, "Active", "192.0.2.20", ASSIGNED),
                        tuple(9L, "Active", "192.0.2.21", SERVICE_HOLDS_OTHER),
                        tuple(10L, "Active", "192.0.2.0/29", WRONG_BLOCK_SIZE));
        assertThat(report.items().get(7).detail()).isEqualTo("held by service 2");
        assertThat(progress).startsWith(-10L).endsWith(10L);

        IpAllocator allocator = new IpAllocator(new AllocationRepository(db.dsl()));
        assertThat(allocator.assignmentsInPool(fixture.v4PoolId))
                .extracting(Assignment::serviceId, Assignment::address)
                .containsExactly(tuple(2L, "192.0.2.11"), tuple(3L, "192.0.2.12"), tuple(9L, "192.0.2.20"));
        assertThat(allocator.assignmentsInPool(fixture.v6PoolId))
                .extracting(Assignment::serviceId, Assignment::address)
                .containsExactly(tuple(2L, "2001:db8:0:100::/56"));
        assertThat(log.find(new LogFilter("sync", null, null, null, null, null, null, 10)))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo(Actor.apiKey("ops"));
                    assertThat(entry.detail()).contains("rows=10", "assigned=4", "skipped_status=5");
                });
    }

    @Test
    void fullSyncRecordsEveryStatusAndARerunChangesNothing() {
        SyncReport first = sync.run(false, Actor.WHMCS, recorder);
        assertThat(first.count(ASSIGNED)).isEqualTo(9);
        assertThat(first.count(SKIPPED_STATUS)).isZero();
        assertThat(first.items()).filteredOn(item -> item.outcome() == ASSIGNED).extracting(SyncItem::serviceId)
                .containsExactly(1L, 2L, 2L, 3L, 4L, 5L, 6L, 7L, 9L);

        SyncReport second = sync.run(false, Actor.WHMCS, recorder);
        assertThat(second.count(ASSIGNED)).isZero();
        assertThat(second.count(ALREADY_ASSIGNED)).isEqualTo(9);
        assertThat(second.count(CONFLICT)).isEqualTo(1);
    }

    @Test
    void allocationsAfterASyncNeverHandOutSyncedAddresses() {
        IpAllocator allocator = new IpAllocator(new AllocationRepository(db.dsl()));
        Assignment before = allocator.allocate(fixture.v4PoolId, 500);
        assertThat(before.address()).isEqualTo("192.0.2.2");
        db.execute("INSERT INTO tblhosting (id, userid, domainstatus, dedicatedip, assignedips) "
                + "VALUES (12, 1, 'Active', '192.0.2.2', ''), (13, 1, 'Active', '192.0.2.3', '')");

        SyncReport report = sync.run(true, Actor.WHMCS, recorder);
        assertThat(report.items()).filteredOn(item -> item.serviceId() >= 12)
                .extracting(SyncItem::text, SyncItem::outcome)
                .containsExactly(tuple("192.0.2.2", CONFLICT), tuple("192.0.2.3", ASSIGNED));

        List<String> handedOut = new ArrayList<>();
        for (long service = 600; service < 612; service++) {
            handedOut.add(allocator.allocate(fixture.v4PoolId, service).address());
        }
        assertThat(handedOut).containsExactly("192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7", "192.0.2.8",
                "192.0.2.9", "192.0.2.10", "192.0.2.13", "192.0.2.14", "192.0.2.15", "192.0.2.16", "192.0.2.17");
        allocator.release(13);
        assertThat(allocator.allocate(fixture.v4PoolId, 700).address()).isEqualTo("192.0.2.3");
    }
}
