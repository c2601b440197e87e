package io.routerbridge.ipam.integration;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_INTEGRATION_PUSH_RETRY;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIntegrationPushRetry;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIntegrationPushRetryRecord;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The pending pushes in mod_routerbridge_integration_push_retry. Thread-safe. */
public final class PushRetryRepository implements PushRetries {
    /** The wait after the first failure; it doubles with each failed attempt up to {@link #MAX_DELAY}. */
    public static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    public static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final int MAX_ERROR = 2000;
    private static final ModRouterbridgeIntegrationPushRetry R = MOD_ROUTERBRIDGE_INTEGRATION_PUSH_RETRY;

    private final DSLContext dsl;
    private final ObjectMapper json;
    private final Clock clock;

    public PushRetryRepository(DSLContext dsl, ObjectMapper json, Clock clock) {
        this.dsl = dsl;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean failed(String integration, String operation, Assignment assignment, String error) {
        Instant at = clock.instant();
        LocalDateTime now = utc(at);
        LocalDateTime next = utc(at.plus(FIRST_DELAY));
        String snapshot = write(assignment);
        String message = clip(error);
        dsl.insertInto(R)
                .set(R.INTEGRATION, integration)
                .set(R.ADDRESS, assignment.address())
                .set(R.OPERATION, operation)
                .set(R.ASSIGNMENT, snapshot)
                .set(R.REVISION, 1)
                .set(R.ATTEMPTS, 1)
                .set(R.LAST_ERROR, message)
                .set(R.FIRST_FAILED_AT, now)
                .set(R.NEXT_RETRY_AT, next)
                .onDuplicateKeyUpdate()
                .set(R.OPERATION, operation)
                .set(R.ASSIGNMENT, snapshot)
                .set(R.REVISION, R.REVISION.plus(1))
                .set(R.ATTEMPTS, R.ATTEMPTS.plus(1))
                .set(R.LAST_ERROR, message)
                .set(R.NEXT_RETRY_AT, next)
                .execute();
        return true;
    }

    @Override
    public void delivered(Collection<String> integrations, String address) {
        if (!integrations.isEmpty()) {
            dsl.deleteFrom(R).where(R.ADDRESS.eq(address), R.INTEGRATION.in(integrations)).execute();
        }
    }

    /** Pending pushes whose retry time has come, oldest intent first. */
    public List<PushRetry> due(Instant now, int limit) {
        return dsl.selectFrom(R).where(R.NEXT_RETRY_AT.le(utc(now))).orderBy(R.NEXT_RETRY_AT, R.ID).limit(limit)
                .fetch(this::toRetry);
    }

    public List<PushRetry> list(int limit) {
        return dsl.selectFrom(R).orderBy(R.ID).limit(limit).fetch(this::toRetry);
    }

    public Optional<PushRetry> find(long id) {
        return dsl.selectFrom(R).where(R.ID.eq(id)).fetchOptional(this::toRetry);
    }

    /** Removes the push unless a newer intent replaced it meanwhile; true when removed. */
    public boolean removeIfUnchanged(PushRetry retry) {
        return dsl.deleteFrom(R).where(R.ID.eq(retry.id()), R.REVISION.eq(retry.revision())).execute() == 1;
    }

    /** Another attempt failed: wait twice as long as before (up to {@link #MAX_DELAY}) before the next one. */
    public void failedAgain(PushRetry retry, String error) {
        long seconds = Math.min(FIRST_DELAY.getSeconds() << Math.min(retry.attempts(), 16), MAX_DELAY.getSeconds());
        dsl.update(R)
                .set(R.ATTEMPTS, R.ATTEMPTS.plus(1))
                .set(R.LAST_ERROR, clip(error))
                .set(R.NEXT_RETRY_AT, utc(clock.instant().plusSeconds(seconds)))
                .where(R.ID.eq(retry.id()), R.REVISION.eq(retry.revision()))
                .execute();
    }

    /**
     * Whether the push still says what IPAM holds: an add only while its assignment is held, a remove only while no
     * other assignment holds the block again (that holder's own add is what the integration must see).
     */
    public boolean stillWanted(PushRetry retry) {
        var a = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
        Assignment pushed = retry.assignment();
        if (Integrations.ADD_IP.equals(retry.operation())) {
            return dsl.fetchExists(dsl.selectOne().from(a)
                    .where(a.ID.eq(pushed.id()), a.STATUS.eq(AssignmentStatus.ASSIGNED.name())));
        }
        return !dsl.fetchExists(dsl.selectOne().from(a)
                .where(a.POOL_ID.eq(pushed.poolId()), a.LIVE_FIRST_VALUE.eq(pushed.range().first()),
                        a.STATUS.eq(AssignmentStatus.ASSIGNED.name())));
    }

    public boolean remove(long id) {
        return dsl.deleteFrom(R).where(R.ID.eq(id)).execute() == 1;
    }

    private PushRetry toRetry(ModRouterbridgeIntegrationPushRetryRecord row) {
        return new PushRetry(row.getId(), row.getIntegration(), row.getOperation(), read(row.getAssignment()),
                row.getRevision(), row.getAttempts(), row.getLastError(), row.getFirstFailedAt().toInstant(ZoneOffset.UTC),
                row.getNextRetryAt().toInstant(ZoneOffset.UTC));
    }

    private String write(Assignment assignment) {
        try {
            return json.writeValueAsString(assignment);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Assignment read(String text) {
        try {
            return json.readValue(text, Assignment.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clip(String error) {
        String text = error == null ? "" : error;
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
