package io.routerbridge.ipam.actionlog;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeActionLog;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeActionLogRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_ACTION_LOG;

/** Rows of mod_routerbridge_action_log. Times are stored in UTC, actor types in lower case. */
public final class ActionLogRepository {
    private static final ModRouterbridgeActionLog L = MOD_ROUTERBRIDGE_ACTION_LOG;

    private final DSLContext dsl;

    public ActionLogRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(Instant at, Actor actor, String action, Long serviceId, String address, Long assignmentId,
                String detail) {
        dsl.insertInto(L)
                .set(L.LOGGED_AT, LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                .set(L.ACTOR_TYPE, actorType(actor.type()))
                .set(L.ACTOR, actor.name())
                .set(L.ACTION, action)
                .set(L.SERVICE_ID, serviceId)
                .set(L.ADDRESS, address)
                .set(L.ASSIGNMENT_ID, assignmentId)
                .set(L.DETAIL, detail)
                .execute();
    }

    List<LoggedAction> find(LogFilter filter) {
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
            where.add(L.ACTOR_TYPE.eq(actorType(filter.actorType())));
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
        return dsl.selectFrom(L).where(where).orderBy(L.ID.desc()).limit(filter.limit())
                .fetch(ActionLogRepository::entry);
    }

    private static String actorType(Actor.ActorType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static LoggedAction entry(ModRouterbridgeActionLogRecord row) {
        Actor actor = new Actor(Actor.ActorType.valueOf(row.getActorType().toUpperCase(Locale.ROOT)),
                row.getActor());
        Instant at = row.getLoggedAt().toInstant(ZoneOffset.UTC);
        return new LoggedAction(row.getId(), at, actor, row.getAction(), row.getServiceId(), row.getAddress(),
                row.getAssignmentId(), row.getDetail());
    }
}
