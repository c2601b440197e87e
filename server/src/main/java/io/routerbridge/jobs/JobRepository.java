package io.routerbridge.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeJob;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeJobRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_JOB;

/** Rows of mod_routerbridge_job; summaries are kept as JSON, times in UTC. */
public final class JobRepository {
    private static final ModRouterbridgeJob J = MOD_ROUTERBRIDGE_JOB;
    private static final TypeReference<Map<String, Object>> SUMMARY = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final ObjectMapper json;

    public JobRepository(DSLContext dsl, ObjectMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** A new QUEUED job with no progress yet; answers its id. */
    long insertQueued(String kind, String requestedBy, Instant createdAt) {
        ModRouterbridgeJobRecord row = dsl.newRecord(J);
        row.setKind(kind);
        row.setState(JobState.QUEUED.name());
        row.setDoneCount(0L);
        row.setTotalCount(0L);
        row.setRequestedBy(requestedBy);
        row.setCreatedAt(utc(createdAt));
        row.store();
        return row.getId();
    }

    Optional<Job> find(long id) {
        ModRouterbridgeJobRecord row = dsl.selectFrom(J).where(J.ID.eq(id)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new Job(row.getId(), row.getKind(), JobState.valueOf(row.getState()), row.getDoneCount(),
                row.getTotalCount(), summaryOf(row.getSummary()), row.getError(), row.getRequestedBy(),
                instant(row.getCreatedAt()), instant(row.getStartedAt()), instant(row.getFinishedAt())));
    }

    void markRunning(long id, Instant startedAt) {
        dsl.update(J).set(J.STATE, JobState.RUNNING.name()).set(J.STARTED_AT, utc(startedAt))
                .where(J.ID.eq(id)).execute();
    }

    void setTotal(long id, long total) {
        dsl.update(J).set(J.TOTAL_COUNT, total).where(J.ID.eq(id)).execute();
    }

    void setDone(long id, long done) {
        dsl.update(J).set(J.DONE_COUNT, done).where(J.ID.eq(id)).execute();
    }

    /** Fails before writing anything when the summary cannot be written as JSON. */
    void markSucceeded(long id, Map<String, Object> summary, Instant finishedAt) throws JsonProcessingException {
        dsl.update(J).set(J.STATE, JobState.SUCCEEDED.name()).set(J.SUMMARY, json.writeValueAsString(summary))
                .set(J.FINISHED_AT, utc(finishedAt)).where(J.ID.eq(id)).execute();
    }

    void markFailed(long id, String error, Instant finishedAt) {
        dsl.update(J).set(J.STATE, JobState.FAILED.name()).set(J.ERROR, error)
                .set(J.FINISHED_AT, utc(finishedAt)).where(J.ID.eq(id)).execute();
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
}
