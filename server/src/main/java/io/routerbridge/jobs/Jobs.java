package io.routerbridge.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeJobRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_JOB;

/**
 * Runs long jobs one at a time on a background thread and keeps their state in the database, so any
 * instance can answer GET /api/v1/jobs/{id}. A job still RUNNING when the process died stays so; its
 * started_at tells how old it is.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final TypeReference<Map<String, Object>> SUMMARY = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final Clock clock;
    private final ObjectMapper json;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "routerbridge-jobs");
        thread.setDaemon(true);
        return thread;
    });

    public Jobs(DSLContext dsl, Clock clock, ObjectMapper json) {
        this.dsl = dsl;
        this.clock = clock;
        this.json = json;
    }

    /** Queues the work; answers the new job's id at once. */
    public long submit(String kind, String requestedBy, JobWork work) {
        ModRouterbridgeJobRecord row = dsl.newRecord(MOD_ROUTERBRIDGE_JOB);
        row.setKind(kind);
        row.setState(JobState.QUEUED.name());
        row.setDoneCount(0L);
        row.setTotalCount(0L);
        row.setRequestedBy(requestedBy);
        row.setCreatedAt(utc(clock.instant()));
        row.store();
        long id = row.getId();
        worker.submit(() -> execute(id, work));
        return id;
    }

    /** Like {@link #submit} and waits for the end (tests, command line). */
    public Job runAndWait(String kind, String requestedBy, JobWork work) {
        long id = submit(kind, requestedBy, work);
        Future<?> marker = worker.submit(() -> { });
        try {
            marker.get();
        } catch (Exception e) {
            throw new IllegalStateException("job " + id + " could not be awaited", e);
        }
        return get(id);
    }

    public Job get(long id) {
        ModRouterbridgeJobRecord row = dsl.selectFrom(MOD_ROUTERBRIDGE_JOB).where(MOD_ROUTERBRIDGE_JOB.ID.eq(id)).fetchOne();
        if (row == null) {
            throw new JobNotFoundException(id);
        }
        return new Job(row.getId(), row.getKind(), JobState.valueOf(row.getState()), row.getDoneCount(),
                row.getTotalCount(), summaryOf(row.getSummary()), row.getError(), row.getRequestedBy(),
                instant(row.getCreatedAt()), instant(row.getStartedAt()), instant(row.getFinishedAt()));
    }

    private void execute(long id, JobWork work) {
        var J = MOD_ROUTERBRIDGE_JOB;
        dsl.update(J).set(J.STATE, JobState.RUNNING.name()).set(J.STARTED_AT, utc(clock.instant()))
                .where(J.ID.eq(id)).execute();
        JobProgress progress = new JobProgress() {
            @Override
            public void total(long total) {
                dsl.update(J).set(J.TOTAL_COUNT, total).where(J.ID.eq(id)).execute();
            }

            @Override
            public void done(long done) {
                dsl.update(J).set(J.DONE_COUNT, done).where(J.ID.eq(id)).execute();
            }
        };
        try {
            Map<String, Object> summary = work.run(progress);
            dsl.update(J).set(J.STATE, JobState.SUCCEEDED.name()).set(J.SUMMARY, json.writeValueAsString(summary))
                    .set(J.FINISHED_AT, utc(clock.instant())).where(J.ID.eq(id)).execute();
        } catch (Exception e) {
            log.warn("job {} failed", id, e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            dsl.update(J).set(J.STATE, JobState.FAILED.name())
                    .set(J.ERROR, message.length() > 1000 ? message.substring(0, 1000) : message)
                    .set(J.FINISHED_AT, utc(clock.instant())).where(J.ID.eq(id)).execute();
        }
    }

    private Map<String, Object> summaryOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, SUMMARY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job summary", e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
