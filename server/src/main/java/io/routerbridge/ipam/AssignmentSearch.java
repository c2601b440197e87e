package io.routerbridge.ipam;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Reads assignments, live and past, for operators and the REST API. */
public final class AssignmentSearch {
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

    private final DSLContext dsl;

    public AssignmentSearch(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Assignment get(long id) {
        return dsl.selectFrom(A).where(A.ID.eq(id)).fetchOptional(IpamRows::assignment)
                .orElseThrow(() -> new IpamNotFoundException("assignment", id));
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
        return dsl.selectFrom(A).where(conditions).orderBy(A.ID).limit(filter.limit()).fetch(IpamRows::assignment);
    }
}
