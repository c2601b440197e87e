package io.routerbridge.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.app.Application;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Job state kept in MariaDB: progress, summary, failure. */
class JobsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void aSucceedingJobKeepsItsProgressAndSummary() {
        try (Jobs jobs = new Jobs(new JobRepository(db.dsl(), Application.jsonMapper()), Clock.systemUTC())) {
            Job job = jobs.runAndWait("count", "tests", progress -> {
                progress.total(3);
                progress.done(2);
                return Map.of("counted", 2);
            });
            assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(job.done()).isEqualTo(2);
            assertThat(job.total()).isEqualTo(3);
            assertThat(job.summary()).containsEntry("counted", 2);
            assertThat(job.startedAt()).isNotNull();
            assertThat(job.finishedAt()).isAfterOrEqualTo(job.startedAt());
        }
    }

    @Test
    void aFailingJobIsFailedWithItsError() {
        try (Jobs jobs = new Jobs(new JobRepository(db.dsl(), Application.jsonMapper()), Clock.systemUTC())) {
            Job job = jobs.runAndWait("boom", "tests", progress -> {
                throw new IllegalStateException("tblhosting unreadable");
            });
            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(job.error()).isEqualTo("tblhosting unreadable");
            assertThat(job.summary()).isNull();
            assertThatThrownBy(() -> jobs.get(job.id() + 1000)).isInstanceOf(JobNotFoundException.class);
        }
    }
}
