package io.routerbridge.ipam.configuration.web;

import io.routerbridge.ipam.configuration.Relation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

record RelationView(long id, long configurationId, String type, long targetId, Long poolId, Long subnetId,
                    Instant createdAt) {
    static RelationView of(Relation relation) {
        return new RelationView(relation.id(), relation.configurationId(),
                relation.type().name().toLowerCase(Locale.ROOT), relation.targetId(), relation.poolId(),
                relation.subnetId(), relation.createdAt());
    }

    static List<RelationView> of(List<Relation> relations) {
        return relations.stream().map(RelationView::of).toList();
    }
}
