package io.routerbridge.ipam.cleaner;

import static io.routerbridge.ipam.sync.WhmcsFixture.CANCELLED;
import static io.routerbridge.ipam.sync.WhmcsFixture.COMPLETED;
import static io.routerbridge.ipam.sync.WhmcsFixture.FRAUD;
import static io.routerbridge.ipam.sync.WhmcsFixture.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.app.Application;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.ActionLogRepository;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.orphans.HeldBlockRepository;
import io.routerbridge.ipam.orphans.AssignmentReleaser;
import io.routerbridge.ipam.orphans.HeldBlocks;
import io.routerbridge.ipam.sync.WhmcsFixture;
import io.routerbridge.ipam.sync.WhmcsSync;
import io.routerbridge.ipam.sync.WhmcsSyncRepository;
import io.routerbridge.jobs.JobProgress;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IP cleaner over services of every status: notify reports, mark-free releases. */
class IpCleanerTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private IpAllocator allocator;
    private IpCleaner cleaner;
    private WhmcsFixture fixture;

    @BeforeEach
    void setUp() {
        WhmcsFixture.reset(db);
        fixture = WhmcsFixture.layout(db);
        WhmcsFixture.seedServices(db);
        ActionLog log = new ActionLog(new ActionLogRepository(db.dsl()), Clock.systemUTC());
        WhmcsSync sync = new WhmcsSync(new WhmcsSyncRepository(db.dsl()), Clock.systemUTC(), log);
        sync.run(false, Actor.WHMCS, new JobProgress() {
            @Override
            public void total(long total) {
            }

            @Override
            public void done(long done) {
            }
        });
        allocator = new IpAllocator(new AllocationRepository(db.dsl()));
        allocator.allocate(fixture.v4PoolId, 99);
        HeldBlocks held = new HeldBlocks(new HeldBlockRepository(db.dsl()));
        cleaner = new IpCleaner(new CleanerRunRepository(db.dsl(), Application.jsonMapper()), held,
                new AssignmentReleaser(allocator, held, log), log, Clock.systemUTC());
    }

    @Test
    void notifyReportsServicesNoLongerLiveAndReleasesNothing() {
        CleanerReport report = cleaner.run(CleanerMode.NOTIFY, Actor.WHMCS);

        assertThat(report.items()).extracting(CleanerReport.Item::serviceId, CleanerReport.Item::address,
                        CleanerReport.Item::serviceStatus, CleanerReport.Item::released)
                .containsExactlyInAnyOrder(
                        tuple(TERMINATED, "192.0.2.13", "Terminated", false),
                        tuple(CANCELLED, "192.0.2.14", "Cancelled", false),
                        tuple(FRAUD, "192.0.2.15", "Fraud", false),
                        tuple(COMPLETED, "192.0.2.16", "Completed", false),
                        tuple(99L, "192.0.2.2", null, false));
        assertThat(allocator.assignmentsOf(TERMINATED)).hasSize(1);
        Map<String, Object> latest = cleaner.latestReport().orElseThrow();
        assertThat(latest).containsEntry("mode", "notify").containsEntry("found", 5).containsEntry("released", 0);
    }

    @Test
    void markFreeReleasesThemAndLeavesLiveAndPendingServicesAlone() {
        CleanerReport report = cleaner.run(CleanerMode.MARK_FREE, Actor.SYSTEM);

        assertThat(report.released()).isEqualTo(5);
        for (long service : List.of(TERMINATED, CANCELLED, FRAUD, COMPLETED, 99L)) {
            assertThat(allocator.assignmentsOf(service)).as("service %d", service).isEmpty();
        }
        for (long service : List.of(1L, 2L, 3L, 9L)) {
            assertThat(allocator.assignmentsOf(service)).as("service %d", service).isNotEmpty();
        }
        assertThat(cleaner.run(CleanerMode.MARK_FREE, Actor.SYSTEM).items()).isEmpty();
        assertThat(cleaner.latestReport().orElseThrow()).containsEntry("mode", "mark-free").containsEntry("found", 0);
    }
}
