package io.routerbridge.ipam.orphans;

import static io.routerbridge.ipam.sync.WhmcsFixture.ACTIVE;
import static io.routerbridge.ipam.sync.WhmcsFixture.ACTIVE_TWO_IN_POOL;
import static io.routerbridge.ipam.sync.WhmcsFixture.CANCELLED;
import static io.routerbridge.ipam.sync.WhmcsFixture.FRAUD;
import static io.routerbridge.ipam.sync.WhmcsFixture.SUSPENDED;
import static io.routerbridge.ipam.sync.WhmcsFixture.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.ActionLogRepository;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.actionlog.LogFilter;
import io.routerbridge.ipam.actionlog.LoggedAction;
import io.routerbridge.ipam.integration.IntegrationException;
import io.routerbridge.ipam.integration.IntegrationFailure;
import io.routerbridge.ipam.integration.Integrations;
import io.routerbridge.ipam.integration.IpamIntegration;
import io.routerbridge.ipam.sync.WhmcsFixture;
import io.routerbridge.ipam.sync.WhmcsSync;
import io.routerbridge.ipam.sync.WhmcsSyncRepository;
import io.routerbridge.jobs.JobProgress;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Orphans among assignments of services of every status; release of some and of all. */
class OrphansTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final JobProgress QUIET = new JobProgress() {
        @Override
        public void total(long total) {
        }

        @Override
        public void done(long done) {
        }
    };

    private IpAllocator allocator;
    private ActionLog log;
    private Orphans orphans;
    private WhmcsFixture fixture;

    @BeforeEach
    void setUp() {
        WhmcsFixture.reset(db);
        fixture = WhmcsFixture.layout(db);
        WhmcsFixture.seedServices(db);
        log = new ActionLog(new ActionLogRepository(db.dsl()), Clock.systemUTC());
        new WhmcsSync(new WhmcsSyncRepository(db.dsl()), Clock.systemUTC(), log).run(false, Actor.WHMCS, QUIET);
        allocator = new IpAllocator(new AllocationRepository(db.dsl()));
        allocator.allocate(fixture.v4PoolId, 99);
        db.execute("""
                UPDATE tblhosting SET assignedips = '192.0.2.200' WHERE id = 2;
                UPDATE tblhosting SET dedicatedip = '192.0.2.77' WHERE id = 3;
                UPDATE tblhosting SET assignedips = '192.0.2.14\\n198.51.100.9' WHERE id = 5;
                """);
        HeldBlocks held = new HeldBlocks(new HeldBlockRepository(db.dsl()));
        orphans = new Orphans(held, new AssignmentReleaser(allocator, held, log));
    }

    @Test
    void listsDeadMissingAndUnmentionedAssignments() {
        assertThat(orphans.list()).extracting(o -> o.block().serviceId(), o -> o.block().address(), Orphan::reason,
                        o -> o.block().serviceStatus())
                .containsExactlyInAnyOrder(
                        tuple(ACTIVE, "2001:db8:0:100::/56", OrphanReason.NOT_IN_WHMCS_FIELDS, "Active"),
                        tuple(SUSPENDED, "192.0.2.12", OrphanReason.NOT_IN_WHMCS_FIELDS, "Suspended"),
                        tuple(TERMINATED, "192.0.2.13", OrphanReason.SERVICE_TERMINATED, "Terminated"),
                        tuple(CANCELLED, "192.0.2.14", OrphanReason.SERVICE_CANCELLED, "Cancelled"),
                        tuple(FRAUD, "192.0.2.15", OrphanReason.SERVICE_FRAUD, "Fraud"),
                        tuple(99L, "192.0.2.2", OrphanReason.SERVICE_MISSING, null));
    }

    @Test
    void releasingChosenOrphansUnassignsClearsWhmcsAndLogs() {
        long terminated = assignmentOf(TERMINATED).id();
        long cancelled = assignmentOf(CANCELLED).id();
        long live = assignmentOf(ACTIVE_TWO_IN_POOL).id();

        List<ReleaseResult> results = orphans.release(List.of(terminated, cancelled, live, 987654L), Actor.admin(3));

        assertThat(results).extracting(ReleaseResult::assignmentId, ReleaseResult::released,
                        ReleaseResult::clearedInWhmcs)
                .containsExactly(tuple(terminated, true, true), tuple(cancelled, true, true),
                        tuple(live, false, false), tuple(987654L, false, false));
        assertThat(allocator.assignmentsOf(TERMINATED)).isEmpty();
        assertThat(allocator.assignmentsOf(ACTIVE_TWO_IN_POOL)).hasSize(1);
        assertThat(db.dsl().fetch("SELECT id, dedicatedip, assignedips FROM tblhosting WHERE id IN (4, 5) ORDER BY id")
                .map(r -> r.get(0, Long.class) + "|" + r.get(1) + "|" + r.get(2)))
                .containsExactly("4||", "5||198.51.100.9");
        List<LoggedAction> entries = log.find(new LogFilter("release", null, null, Actor.ActorType.ADMIN, "3", null,
                null, 10));
        assertThat(entries).extracting(LoggedAction::serviceId, LoggedAction::address)
                .containsExactly(tuple(CANCELLED, "192.0.2.14"), tuple(TERMINATED, "192.0.2.13"));
        assertThat(entries.get(0).detail()).contains("orphan: service_cancelled", "removed from tblhosting");
        assertThat(orphans.list()).hasSize(4);
    }

    @Test
    void releasingAllLeavesNoOrphansAndFreesTheAddresses() {
        assertThat(orphans.releaseAll(Actor.WHMCS)).hasSize(6).allMatch(ReleaseResult::released);
        assertThat(orphans.list()).isEmpty();
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("mod_routerbridge_ipam_assignment")
                .where("status = ?", AssignmentStatus.RELEASED.name()))).isEqualTo(6);
        assertThat(allocator.allocate(fixture.v4PoolId, 1000).address()).isEqualTo("192.0.2.2");
    }

    @Test
    void integrationsLearnOfEachReleaseAndTheirFailureIsReportedNotUndone() {
        List<String> removed = new java.util.ArrayList<>();
        HeldBlocks held = new HeldBlocks(new HeldBlockRepository(db.dsl()));
        IpamIntegration netBox = new IpamIntegration() {
            @Override
            public String name() {
                return "netbox";
            }

            @Override
            public boolean addIp(Assignment assignment) {
                throw new AssertionError("a release never adds");
            }

            @Override
            public boolean removeIp(Assignment released) {
                removed.add(released.address());
                if (released.serviceId() == FRAUD) {
                    throw new IntegrationException(name(), "503");
                }
                return true;
            }
        };
        Orphans withIntegration = new Orphans(held, new AssignmentReleaser(allocator, held, log,
                new Integrations(List.of(netBox))));

        List<ReleaseResult> results = withIntegration.release(
                List.of(assignmentOf(TERMINATED).id(), assignmentOf(FRAUD).id()), Actor.WHMCS);

        assertThat(removed).containsExactly("192.0.2.13", "192.0.2.15");
        assertThat(results).allMatch(ReleaseResult::released);
        assertThat(results.get(1).detail()).endsWith("integration failed: netbox: 503");
        assertThat(results.get(0).integrationErrors()).isEmpty();
        assertThat(results.get(1).integrationErrors()).containsExactly(
                new IntegrationFailure("netbox", Integrations.REMOVE_IP, "192.0.2.15", "netbox: 503"));
        assertThat(allocator.assignmentsOf(FRAUD)).isEmpty();
    }

    private Assignment assignmentOf(long serviceId) {
        return allocator.assignmentsOf(serviceId).get(0);
    }
}
