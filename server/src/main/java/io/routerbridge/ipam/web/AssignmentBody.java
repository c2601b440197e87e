package io.routerbridge.ipam.web;

import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.http.ApiRequests;

/** POST /api/v1/assignments: give the service (tblhosting.id) a block of the pool. */
record AssignmentBody(Long poolId, Long serviceId, Integer prefixLength) {

    long pool() {
        return ApiRequests.requiredId(poolId, "poolId");
    }

    long service() {
        return ApiRequests.requiredId(serviceId, "serviceId");
    }

    Integer blockLength() {
        if (prefixLength != null && (prefixLength < 0 || prefixLength > 128)) {
            throw new InvalidInputException("prefixLength must be between 0 and 128", "prefixLength");
        }
        return prefixLength;
    }
}
