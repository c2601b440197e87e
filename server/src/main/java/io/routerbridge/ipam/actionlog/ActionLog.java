package io.routerbridge.ipam.actionlog;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeActionLog;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeActionLogRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_ACTION_LOG;

/** Append-only record of assign, unassign, release, sync, import and cleaner actions. Thread-safe. */
public final class ActionLog {
    public static final String ASSIGN = "assign";
    public static final String UNASSIGN = "unassign";
    public static final String RELEASE = "release";
    public static final String SYNC = "sync";
    public static final String IMPORT = "import";
    public static final String CLEANER = "cleaner";
    public static final String PUSH = "push";

    private static final ModRouterbridgeActionLog L = MOD_ROUTERBRIDGE_ACTION_LOG;
    private static final int MAX_DETAIL = 2000;

    private final DSLContext dsl;
    private final Clock clock;

    public ActionLog(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    public void record(Actor actor, String action, Long serviceId, String address, Long assignmentId, String detail) {
        record(dsl, actor, action, serviceId, address, assignmentId, detail);
    }

    /** Within the caller's transaction, so the entry commits or rolls back with the action. */
    public void record(DSLContext tx, Actor actor, String action, Long serviceId, String address, Long assignmentId,
                       String detail) {
        String text = detail == null ? "" : detail;
        tx.insertInto(L)
                .set(L.LOGGED_AT, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .set(L.ACTOR_TYPE, actor.type().name().toLowerCase(Locale.ROOT))
                .set(L.ACTOR, actor.name())
                .set(L.ACTION, action)
                .set(L.SERVICE_ID, serviceId)
                .set(L.ADDRESS, address)
                .set(L.ASSIGNMENT_ID, assignmentId)
                .set(L.DETAIL, text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) : text)
                .execute();
    }

    public List<LoggedAction> find(LogFilter filter) {
        List<Condition> where = new ArrayList<>();
        if (filter.action() != null) {
            where.add(L.ACTION.eq(filter.action()));
        }
        if (filter.serviceId() != null) {
            where.add(L.SERVICE_ID.eq(filter.serviceId()));
        }
        if (filter.address() != null) {
            where.add(L.ADDRESS.eq(filter.address()));
        }
        if (filter.actorType() != null) {
            where.add(L.ACTOR_TYPE.eq(filter.actorType().name().toLowerCase(Locale.ROOT)));
        }
        if (filter.actor() != null) {
            where.add(L.ACTOR.eq(filter.actor()));
        }
        if (filter.since() != null) {
            where.add(L.LOGGED_AT.ge(LocalDateTime.ofInstant(filter.since(), ZoneOffset.UTC)));
        }
        if (filter.until() != null) {
            where.add(L.LOGGED_AT.lt(LocalDateTime.ofInstant(filter.until(), ZoneOffset.UTC)));
        }
        return dsl.selectFrom(L).where(where).orderBy(L.ID.desc()).limit(filter.limit()).fetch(ActionLog::entry);
    }

    private static LoggedAction entry(ModRouterbridgeActionLogRecord row) {
        Actor actor = new Actor(Actor.ActorType.valueOf(row.getActorType().toUpperCase(Locale.ROOT)),
                row.getActor());
        Instant at = row.getLoggedAt().toInstant(ZoneOffset.UTC);
        return new LoggedAction(row.getId(), at, actor, row.getAction(), row.getServiceId(), row.getAddress(),
                row.getAssignmentId(), row.getDetail());
    }
}
