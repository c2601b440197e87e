package io.routerbridge.ipam.orphans;

import java.math.BigInteger;

/**
 * A live assignment next to its WHMCS service as tblhosting has it now; {@code serviceStatus} is null
 * when tblhosting has no such service.
 */
public record HeldBlock(long assignmentId, long poolId, long serviceId, int family, BigInteger first, String address,
                        String serviceStatus, String dedicatedIp, String assignedIps) {
    public boolean serviceExists() {
        return serviceStatus != null;
    }
}
