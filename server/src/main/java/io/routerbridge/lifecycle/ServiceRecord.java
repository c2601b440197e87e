package io.routerbridge.lifecycle;

import io.routerbridge.provisioning.ServiceStatus;
import java.time.Instant;

/**
 * Our durable record of one WHMCS service (tblhosting.id): where it lives, what it should be, and how the last
 * attempt to make the router match went. {@code parameters} is the product parameters' JSON snapshot.
 */
public record ServiceRecord(long serviceId, int routerId, Mode mode, ServiceStatus desiredStatus, String publicIp,
                            String privatePrefix, String tenantSupernet, String wanInterface, String parameters,
                            ApplyOutcome lastOutcome, String lastError, int attempts, Instant nextRetryAt,
                            Instant appliedAt, String pppUsername, String pppPassword) {
    @Override
    public String toString() {
        return "ServiceRecord[serviceId=" + serviceId + ", routerId=" + routerId + ", mode=" + mode + ", desiredStatus="
                + desiredStatus + ", publicIp=" + publicIp + ", lastOutcome=" + lastOutcome + "]";
    }
}
