package io.routerbridge.ipam.orphans;

import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.ipam.sync.HostingText;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.whmcs.tables.Tblhosting;
import java.util.Collection;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;

/** Reads assigned blocks together with their tblhosting rows; clears addresses from tblhosting. */
public final class HeldBlocks {
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
    private static final Tblhosting H = TBLHOSTING;

    private final DSLContext dsl;

    public HeldBlocks(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Every assigned block (not quarantined, not released), by assignment id. */
    public List<HeldBlock> assigned() {
        return find(A.STATUS.eq(AssignmentStatus.ASSIGNED.name()));
    }

    public List<HeldBlock> assigned(Collection<Long> assignmentIds) {
        return find(A.STATUS.eq(AssignmentStatus.ASSIGNED.name()).and(A.ID.in(assignmentIds)));
    }

    /** Every block the service holds now, in every pool. */
    public List<HeldBlock> assignedTo(long serviceId) {
        return find(A.STATUS.eq(AssignmentStatus.ASSIGNED.name()).and(A.SERVICE_ID.eq(serviceId)));
    }

    private List<HeldBlock> find(Condition where) {
        return dsl.select(A.ID, A.POOL_ID, A.SERVICE_ID, A.FAMILY, A.FIRST_VALUE, A.ADDRESS, H.DOMAINSTATUS,
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

    /**
     * Removes the block from the service's dedicatedip/assignedips when they still name it; answers
     * whether tblhosting changed. Re-reads the row so text written meanwhile is kept.
     */
    public boolean clearFromWhmcs(HeldBlock block) {
        var row = dsl.select(H.DEDICATEDIP, H.ASSIGNEDIPS).from(H).where(H.ID.eq((int) block.serviceId())).fetchOne();
        if (row == null) {
            return false;
        }
        String dedicated = row.get(H.DEDICATEDIP);
        String assigned = row.get(H.ASSIGNEDIPS);
        String newDedicated = HostingText.without(dedicated, block.family(), block.first(), false);
        String newAssigned = HostingText.without(assigned, block.family(), block.first(), true);
        if (newDedicated.equals(dedicated) && newAssigned.equals(assigned)) {
            return false;
        }
        return dsl.update(H).set(H.DEDICATEDIP, newDedicated).set(H.ASSIGNEDIPS, newAssigned)
                .where(H.ID.eq((int) block.serviceId()), H.DEDICATEDIP.eq(dedicated), H.ASSIGNEDIPS.eq(assigned))
                .execute() == 1;
    }
}
