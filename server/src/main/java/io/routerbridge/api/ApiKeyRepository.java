package io.routerbridge.api;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_API_KEY;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeApiKey;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeApiKeyRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Rows of mod_routerbridge_api_key. Timestamps are stored in UTC. */
public final class ApiKeyRepository {
    private static final ModRouterbridgeApiKey K = MOD_ROUTERBRIDGE_API_KEY;

    /** A key with its bcrypt hash, for verification only. */
    record StoredKey(ApiKey key, String secretHash) {
        @Override
        public String toString() {
            return "StoredKey[key=" + key + "]";
        }
    }

    private final DSLContext dsl;

    public ApiKeyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    ApiKey insert(String name, String keyId, String secretHash, Instant createdAt) {
        ModRouterbridgeApiKeyRecord row = dsl.newRecord(K);
        row.setName(name);
        row.setKeyId(keyId);
        row.setSecretHash(secretHash);
        row.setCreatedAt(utc(createdAt));
        row.store();
        return key(row);
    }

    Optional<StoredKey> findByKeyId(String keyId) {
        return dsl.selectFrom(K).where(K.KEY_ID.eq(keyId)).fetchOptional()
                .map(row -> new StoredKey(key(row), row.getSecretHash()));
    }

    List<ApiKey> list() {
        return dsl.selectFrom(K).orderBy(K.ID).fetch(ApiKeyRepository::key);
    }

    void markUsed(long id, Instant at) {
        dsl.update(K).set(K.LAST_USED_AT, utc(at)).where(K.ID.eq(id)).execute();
    }

    /** True when the key existed and was not revoked before. */
    boolean revoke(String keyId, Instant at) {
        return dsl.update(K).set(K.REVOKED_AT, utc(at))
                .where(K.KEY_ID.eq(keyId), K.REVOKED_AT.isNull())
                .execute() == 1;
    }

    private static ApiKey key(ModRouterbridgeApiKeyRecord row) {
        return new ApiKey(row.getId(), row.getName(), row.getKeyId(), instant(row.getCreatedAt()),
                instant(row.getLastUsedAt()), instant(row.getRevokedAt()));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
