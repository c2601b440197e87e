package io.routerbridge.ipam.orphans;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;

import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.whmcs.tables.Tblhosting;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Assigned blocks read next to their tblhosting rows, and the address columns of tblhosting. */
public final class HeldBlockRepository {
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
    private static final Tblhosting H = TBLHOSTING;

    /** A service's dedicatedip and assignedips as tblhosting has them. */
    record HostingAddresses(String dedicatedIp, String assignedIps) {
    }

    private final DSLContext db;

    public HeldBlockRepository(DSLContext db) {
        this.db = db;
    }

    /** Every assigned block (not quarantined, not released), by assignment id. */
    List<HeldBlock> assigned() {
        return find(A.STATUS.eq(AssignmentStatus.ASSIGNED.name()));
    }

    List<HeldBlock> assigned(Collection<Long> assignmentIds) {
        return find(A.STATUS.eq(AssignmentStatus.ASSIGNED.name()).and(A.ID.in(assignmentIds)));
    }

    List<HeldBlock> assignedTo(long serviceId) {
        return find(A.STATUS.eq(AssignmentStatus.ASSIGNED.name()).and(A.SERVICE_ID.eq(serviceId)));
    }

    private List<HeldBlock> find(Condition where) {
        return db.select(A.ID, A.POOL_ID, A.SERVICE_ID, A.FAMILY, A.FIRST_VALUE, A.ADDRESS, H.DOMAINSTATUS,
                        H.DEDICATEDIP, H.ASSIGNEDIPS)
                .from(A)
                .leftJoin(H).on(H.ID.coerce(Long.class).eq(A.SERVICE_ID))
                .where(where)
                .orderBy(A.ID)
                .fetch(r -> new HeldBlock(r.get(A.ID), r.get(A.POOL_ID), r.get(A.SERVICE_ID), r.get(A.FAMILY),
                        r.get(A.FIRST_VALUE), r.get(A.ADDRESS),
                        r.get(H.DOMAINSTATUS) == null ? null : r.get(H.DOMAINSTATUS).getLiteral(),
                        r.get(H.DEDICATEDIP), r.get(H.ASSIGNEDIPS)));
    }

    /** The service's address columns now; empty when tblhosting has no such service. */
    Optional<HostingAddresses> hostingAddresses(long serviceId) {
        return Optional.ofNullable(db.select(H.DEDICATEDIP, H.ASSIGNEDIPS).from(H)
                .where(H.ID.eq((int) serviceId)).fetchOne(r -> new HostingAddresses(r.value1(), r.value2())));
    }

    /** Writes the service's address columns if they still read {@code expected}; answers whether it did. */
    boolean replaceHostingAddresses(long serviceId, HostingAddresses expected, HostingAddresses replacement) {
        return db.update(H).set(H.DEDICATEDIP, replacement.dedicatedIp()).set(H.ASSIGNEDIPS, replacement.assignedIps())
                .where(H.ID.eq((int) serviceId), H.DEDICATEDIP.eq(expected.dedicatedIp()),
                        H.ASSIGNEDIPS.eq(expected.assignedIps()))
                .execute() == 1;
    }
}
