package io.routerbridge.ipam.configuration.web;

import io.routerbridge.http.ApiRequests;
import io.routerbridge.ipam.configuration.RelationType;

/** POST /api/v1/configurations/{id}/relations: {@code type}, {@code targetId}, and {@code poolId} or {@code subnetId}. */
record RelationBody(String type, Long targetId, Long poolId, Long subnetId) {

    RelationType relationType() {
        return ApiRequests.enumValue(ApiRequests.required(type, "type"), "type", RelationType.class);
    }

    long target() {
        return ApiRequests.requiredId(targetId, "targetId");
    }
}
