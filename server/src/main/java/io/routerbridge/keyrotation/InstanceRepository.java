package io.routerbridge.keyrotation;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_INSTANCE;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

/** Persistence of mod_routerbridge_instance: which running instance reads which master keys (by key id). */
public final class InstanceRepository {
    private final DSLContext db;

    public InstanceRepository(DSLContext db) {
        this.db = db;
    }

    /** A running instance as it last reported itself. */
    public record Instance(String instanceId, String host, List<String> keyIds, Instant startedAt, Instant seenAt) {
    }

    public void report(String instanceId, String host, List<String> keyIds, Instant startedAt, Instant now) {
        var t = MOD_ROUTERBRIDGE_INSTANCE;
        String ids = String.join(",", keyIds);
        db.insertInto(t).set(t.INSTANCE_ID, instanceId).set(t.HOST, host).set(t.KEY_IDS, ids)
                .set(t.STARTED_AT, utc(startedAt)).set(t.SEEN_AT, utc(now))
                .onDuplicateKeyUpdate().set(t.KEY_IDS, ids).set(t.SEEN_AT, utc(now))
                .execute();
    }

    public void remove(String instanceId) {
        db.deleteFrom(MOD_ROUTERBRIDGE_INSTANCE).where(MOD_ROUTERBRIDGE_INSTANCE.INSTANCE_ID.eq(instanceId)).execute();
    }

    public List<Instance> seenSince(Instant since) {
        var t = MOD_ROUTERBRIDGE_INSTANCE;
        return db.selectFrom(t).where(t.SEEN_AT.ge(utc(since))).orderBy(t.STARTED_AT)
                .fetch(row -> new Instance(row.getInstanceId(), row.getHost(), Arrays.asList(row.getKeyIds().split(",")),
                        row.getStartedAt().toInstant(ZoneOffset.UTC), row.getSeenAt().toInstant(ZoneOffset.UTC)));
    }

    /** Rows of instances that vanished without stopping cleanly. */
    public int forgetSeenBefore(Instant before) {
        var t = MOD_ROUTERBRIDGE_INSTANCE;
        return db.deleteFrom(t).where(t.SEEN_AT.lt(utc(before))).execute();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
