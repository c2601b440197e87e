package io.routerbridge.lifecycle.web;

import io.routerbridge.lifecycle.ServiceRecord;
import java.time.Instant;
import java.util.Locale;

/** A provisioned service: its desired status and how the last apply went. */
record ServiceView(long serviceId, int routerId, String mode, String desiredStatus, String publicIp,
                   String privatePrefix, String lastOutcome, String lastError, int attempts, Instant nextRetryAt,
                   Instant appliedAt) {
    static ServiceView of(ServiceRecord record) {
        return new ServiceView(record.serviceId(), record.routerId(), record.mode().word(),
                record.desiredStatus().name().toLowerCase(Locale.ROOT), record.publicIp(), record.privatePrefix(),
                record.lastOutcome().name().toLowerCase(Locale.ROOT), record.lastError(), record.attempts(),
                record.nextRetryAt(), record.appliedAt());
    }
}
