package io.routerbridge.ipam;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_OCCUPIED;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET_EXCLUSION;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamPool;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnet;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Removes unused subnets and pools. A subnet is unused when no pool and no child subnet refers to it; a
 * pool when it holds no live (assigned or quarantined) block. Removing a pool removes its history too.
 */
public final class IpamRemoval {
    private static final ModRouterbridgeIpamSubnet S = MOD_ROUTERBRIDGE_IPAM_SUBNET;
    private static final ModRouterbridgeIpamPool P = MOD_ROUTERBRIDGE_IPAM_POOL;
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
    private static final int ROW_IS_REFERENCED = 1451;

    private final DSLContext dsl;

    public IpamRemoval(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void removeSubnet(long id) {
        referencedElsewhere("subnet " + id, () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            SubnetService.lockLayout(tx);
            Subnet subnet = SubnetService.find(tx, id);
            int pools = tx.fetchCount(P, P.SUBNET_ID.eq(id));
            if (pools > 0) {
                throw new IpamInUseException("subnet " + subnet.cidr() + " still has " + pools
                        + " pool(s); remove them first");
            }
            int children = tx.fetchCount(S, S.PARENT_ID.eq(id));
            if (children > 0) {
                throw new IpamInUseException("subnet " + subnet.cidr() + " still has " + children
                        + " child subnet(s); remove them first");
            }
            tx.deleteFrom(MOD_ROUTERBRIDGE_IPAM_SUBNET_EXCLUSION)
                    .where(MOD_ROUTERBRIDGE_IPAM_SUBNET_EXCLUSION.SUBNET_ID.eq(id)).execute();
            return tx.deleteFrom(S).where(S.ID.eq(id)).execute();
        }));
    }

    public void removePool(long id) {
        referencedElsewhere("pool " + id, () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            SubnetService.lockLayout(tx);
            var pool = tx.selectFrom(P).where(P.ID.eq(id)).forUpdate().fetchOne();
            if (pool == null) {
                throw new IpamNotFoundException("pool", id);
            }
            int live = tx.fetchCount(A, A.POOL_ID.eq(id).and(A.LIVE_FIRST_VALUE.isNotNull()));
            if (live > 0) {
                throw new IpamInUseException("pool " + pool.getName() + " still holds " + live
                        + " assigned or quarantined block(s)");
            }
            tx.deleteFrom(A).where(A.POOL_ID.eq(id)).execute();
            tx.deleteFrom(MOD_ROUTERBRIDGE_IPAM_OCCUPIED).where(MOD_ROUTERBRIDGE_IPAM_OCCUPIED.POOL_ID.eq(id)).execute();
            return tx.deleteFrom(P).where(P.ID.eq(id)).execute();
        }));
    }

    /** Other capabilities may refer to pools and subnets by foreign key; such a row blocks removal. */
    private static void referencedElsewhere(String what, Supplier<Integer> removal) {
        try {
            removal.get();
        } catch (DataAccessException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getErrorCode() == ROW_IS_REFERENCED) {
                    throw new IpamInUseException(what + " is still referenced (e.g. by a configuration)");
                }
            }
            throw e;
        }
    }
}
