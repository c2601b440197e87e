package io.routerbridge.ipam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.ActionLogRepository;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.jobs.JobProgress;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sync of 100,000 Active tblhosting rows, each with a dedicated IP in one /14 pool. */
@Tag("benchmark")
class SyncBenchmark {
    private static final int ROWS = 100_000;
    private static final int ROWS_PER_INSERT = 5_000;

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void sync100000Rows() {
        long subnet = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("10.0.0.0/14")).id();
        long pool = new PoolService(new PoolRepository(db.dsl())).create(new NewPool("bench", subnet, PoolKind.ADDRESS, null,
                "10.0.0.0/14", Duration.ZERO)).id();
        for (int from = 1; from <= ROWS; from += ROWS_PER_INSERT) {
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO tblhosting (id, userid, domainstatus, dedicatedip, assignedips) VALUES ");
            for (int id = from; id < from + ROWS_PER_INSERT; id++) {
                sql.append(id == from ? "" : ",").append('(').append(id).append(",1,'Active','10.")
                        .append((id >> 16) & 255).append('.').append((id >> 8) & 255).append('.').append(id & 255)
                        .append("','')");
            }
            db.execute(sql.toString());
        }
        WhmcsSync sync = new WhmcsSync(new WhmcsSyncRepository(db.dsl()), Clock.systemUTC(),
                new ActionLog(new ActionLogRepository(db.dsl()), Clock.systemUTC()));
        JobProgress none = new JobProgress() {
            @Override
            public void total(long total) {
            }

            @Override
            public void done(long done) {
            }
        };

        long start = System.nanoTime();
        SyncReport report = sync.run(true, Actor.SYSTEM, none);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf(Locale.ROOT, "BENCH | sync %d tblhosting rows | %.2f | - | -%n", ROWS, seconds);
        assertThat(report.count(SyncOutcome.ASSIGNED) + report.count(SyncOutcome.RESERVED)).isEqualTo(ROWS);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("mod_routerbridge_ipam_assignment")
                .where("pool_id = ?", pool))).isEqualTo(report.count(SyncOutcome.ASSIGNED));
    }
}
