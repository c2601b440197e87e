package io.routerbridge.ipam;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamAssignmentRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Reads assignments, live and past, from {@code mod_routerbridge_ipam_assignment}; holds the mapping of its
 * rows to {@link Assignment}. Timestamps are stored in UTC, to the millisecond.
 */
public final class AssignmentRepository {
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

    private final DSLContext db;

    public AssignmentRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<Assignment> find(long id) {
        return db.selectFrom(A).where(A.ID.eq(id)).fetchOptional(AssignmentRepository::assignment);
    }

    public List<Assignment> find(AssignmentFilter filter) {
        List<Condition> conditions = new ArrayList<>();
        if (filter.poolId() != null) {
            conditions.add(A.POOL_ID.eq(filter.poolId()));
        }
        if (filter.subnetId() != null) {
            conditions.add(A.SUBNET_ID.eq(filter.subnetId()));
        }
        if (filter.serviceId() != null) {
            conditions.add(A.SERVICE_ID.eq(filter.serviceId()));
        }
        if (filter.status() != null) {
            conditions.add(A.STATUS.eq(filter.status().name()));
        }
        return db.selectFrom(A).where(conditions).orderBy(A.ID).limit(filter.limit())
                .fetch(AssignmentRepository::assignment);
    }

    static Assignment assignment(ModRouterbridgeIpamAssignmentRecord r) {
        return new Assignment(r.getId() == null ? 0 : r.getId(), r.getPoolId(), r.getSubnetId(), r.getServiceId(),
                AddressFamily.fromCode(r.getFamily()), r.getAddress(), r.getPrefixLength(),
                new AddressRange(r.getFirstValue(), r.getLastValue()), AssignmentStatus.valueOf(r.getStatus()),
                instant(r.getAssignedAt()), instant(r.getReleasedAt()), instant(r.getReusableAt()));
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
