package io.routerbridge.ipam.configuration;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_CONFIGURATION;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_CONFIGURATION_RELATION;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamConfiguration;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamConfigurationRelation;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamConfigurationRecord;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamConfigurationRelationRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Persistence of configurations and their relations. */
public final class ConfigurationRepository {
    private static final ModRouterbridgeIpamConfiguration C = MOD_ROUTERBRIDGE_IPAM_CONFIGURATION;
    private static final ModRouterbridgeIpamConfigurationRelation R = MOD_ROUTERBRIDGE_IPAM_CONFIGURATION_RELATION;

    private final DSLContext db;

    public ConfigurationRepository(DSLContext db) {
        this.db = db;
    }

    public Configuration insert(String name, Instant now) {
        ModRouterbridgeIpamConfigurationRecord row = db.newRecord(C);
        row.setName(name);
        row.setCreatedAt(utc(now));
        row.store();
        return configuration(row);
    }

    public Optional<Configuration> find(long id) {
        return db.selectFrom(C).where(C.ID.eq(id)).fetchOptional(ConfigurationRepository::configuration);
    }

    public Optional<Configuration> findByName(String name) {
        return db.selectFrom(C).where(C.NAME.eq(name)).fetchOptional(ConfigurationRepository::configuration);
    }

    public List<Configuration> all() {
        return db.selectFrom(C).orderBy(C.NAME).fetch(ConfigurationRepository::configuration);
    }

    /** Removes the configuration with its relations; false when it did not exist. */
    public boolean delete(long id) {
        return db.transactionResult(cfg -> {
            cfg.dsl().deleteFrom(R).where(R.CONFIGURATION_ID.eq(id)).execute();
            return cfg.dsl().deleteFrom(C).where(C.ID.eq(id)).execute() > 0;
        });
    }

    public Relation insertRelation(long configurationId, RelationType type, long targetId, Long poolId, Long subnetId,
                                   Instant now) {
        ModRouterbridgeIpamConfigurationRelationRecord row = db.newRecord(R);
        row.setConfigurationId(configurationId);
        row.setType(type.name().toLowerCase(Locale.ROOT));
        row.setTargetId(targetId);
        row.setPoolId(poolId);
        row.setSubnetId(subnetId);
        row.setCreatedAt(utc(now));
        row.store();
        return relation(row);
    }

    public List<Relation> relationsOf(long configurationId) {
        return db.selectFrom(R).where(R.CONFIGURATION_ID.eq(configurationId)).orderBy(R.ID)
                .fetch(ConfigurationRepository::relation);
    }

    public Optional<Relation> findRelation(long configurationId, RelationType type, long targetId, Long poolId,
                                           Long subnetId) {
        return db.selectFrom(R)
                .where(R.CONFIGURATION_ID.eq(configurationId), R.TYPE.eq(type.name().toLowerCase(Locale.ROOT)),
                        R.TARGET_ID.eq(targetId),
                        poolId == null ? R.POOL_ID.isNull() : R.POOL_ID.eq(poolId),
                        subnetId == null ? R.SUBNET_ID.isNull() : R.SUBNET_ID.eq(subnetId))
                .fetchOptional(ConfigurationRepository::relation);
    }

    public boolean deleteRelation(long configurationId, long relationId) {
        return db.deleteFrom(R).where(R.CONFIGURATION_ID.eq(configurationId), R.ID.eq(relationId)).execute() > 0;
    }

    /** Every relation whose target is part of the service, in relation order. */
    public List<Relation> relationsFor(ServiceComposition service) {
        List<Condition> targets = new ArrayList<>();
        targets.add(target(RelationType.PRODUCT, List.of(service.productId())));
        if (service.serverId() > 0) {
            targets.add(target(RelationType.SERVER, List.of(service.serverId())));
        }
        if (!service.addonIds().isEmpty()) {
            targets.add(target(RelationType.ADDON, service.addonIds()));
        }
        if (!service.configOptionValueIds().isEmpty()) {
            targets.add(target(RelationType.CONFIGOPTION, service.configOptionValueIds()));
        }
        return db.selectFrom(R).where(DSL.or(targets)).orderBy(R.ID).fetch(ConfigurationRepository::relation);
    }

    private static Condition target(RelationType type, java.util.Collection<Long> ids) {
        return R.TYPE.eq(type.name().toLowerCase(Locale.ROOT)).and(R.TARGET_ID.in(ids));
    }

    private static Configuration configuration(ModRouterbridgeIpamConfigurationRecord row) {
        return new Configuration(row.getId(), row.getName(), row.getCreatedAt().toInstant(ZoneOffset.UTC));
    }

    private static Relation relation(ModRouterbridgeIpamConfigurationRelationRecord row) {
        return new Relation(row.getId(), row.getConfigurationId(),
                RelationType.valueOf(row.getType().toUpperCase(Locale.ROOT)), row.getTargetId(), row.getPoolId(),
                row.getSubnetId(), row.getCreatedAt().toInstant(ZoneOffset.UTC));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
