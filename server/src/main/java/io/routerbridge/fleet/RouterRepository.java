package io.routerbridge.fleet;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_ROUTER;

import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeRouterRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Persistence of mod_routerbridge_router; the password column only ever holds ciphertext. */
public final class RouterRepository {
    private final DSLContext db;

    public RouterRepository(DSLContext db) {
        this.db = db;
    }

    /** A row as stored (password still encrypted). */
    public record StoredRouter(int id, Integer whmcsServerId, String name, String host, int apiPort, boolean tls,
                               String tlsFingerprintSha256, String username, String passwordCiphertext,
                               Instant createdAt, Instant updatedAt) {
    }

    public Optional<StoredRouter> find(int id) {
        return db.selectFrom(MOD_ROUTERBRIDGE_ROUTER).where(MOD_ROUTERBRIDGE_ROUTER.ID.eq(id))
                .fetchOptional().map(RouterRepository::toStored);
    }

    public Optional<StoredRouter> findByWhmcsServer(int whmcsServerId) {
        return db.selectFrom(MOD_ROUTERBRIDGE_ROUTER).where(MOD_ROUTERBRIDGE_ROUTER.WHMCS_SERVER_ID.eq(whmcsServerId))
                .fetchOptional().map(RouterRepository::toStored);
    }

    public List<StoredRouter> all() {
        return db.selectFrom(MOD_ROUTERBRIDGE_ROUTER).orderBy(MOD_ROUTERBRIDGE_ROUTER.ID).fetch(RouterRepository::toStored);
    }

    /**
     * Inserts the router of a WHMCS server, or updates connection fields of the existing one (its
     * name, chosen by admins, is kept). Atomic on the unique whmcs_server_id, so concurrent calls
     * for the same server leave one row.
     */
    public void upsertByWhmcsServer(int whmcsServerId, String host, int apiPort, boolean tls,
                                    String tlsFingerprintSha256, String username, String passwordCiphertext,
                                    Instant now) {
        LocalDateTime at = utc(now);
        // The connection fields are written on insert and on update alike.
        Map<Field<?>, Object> connection = new LinkedHashMap<>();
        connection.put(MOD_ROUTERBRIDGE_ROUTER.HOST, host);
        connection.put(MOD_ROUTERBRIDGE_ROUTER.API_PORT, apiPort);
        connection.put(MOD_ROUTERBRIDGE_ROUTER.TLS, tls);
        connection.put(MOD_ROUTERBRIDGE_ROUTER.TLS_FINGERPRINT_SHA256, tlsFingerprintSha256);
        connection.put(MOD_ROUTERBRIDGE_ROUTER.USERNAME, username);
        connection.put(MOD_ROUTERBRIDGE_ROUTER.PASSWORD_CIPHERTEXT, passwordCiphertext);
        connection.put(MOD_ROUTERBRIDGE_ROUTER.UPDATED_AT, at);
        db.insertInto(MOD_ROUTERBRIDGE_ROUTER)
                .set(MOD_ROUTERBRIDGE_ROUTER.WHMCS_SERVER_ID, whmcsServerId)
                .set(MOD_ROUTERBRIDGE_ROUTER.NAME, host)
                .set(MOD_ROUTERBRIDGE_ROUTER.CREATED_AT, at)
                .set(connection)
                .onDuplicateKeyUpdate()
                .set(connection)
                .execute();
    }

    public void setTlsFingerprint(int id, String fingerprintSha256, Instant now) {
        db.update(MOD_ROUTERBRIDGE_ROUTER)
                .set(MOD_ROUTERBRIDGE_ROUTER.TLS_FINGERPRINT_SHA256, fingerprintSha256)
                .set(MOD_ROUTERBRIDGE_ROUTER.UPDATED_AT, utc(now))
                .where(MOD_ROUTERBRIDGE_ROUTER.ID.eq(id))
                .execute();
    }

    /** The raw stored ciphertext, for tests and key rotation checks. */
    public Optional<String> passwordCiphertext(int id) {
        return db.select(MOD_ROUTERBRIDGE_ROUTER.PASSWORD_CIPHERTEXT).from(MOD_ROUTERBRIDGE_ROUTER)
                .where(MOD_ROUTERBRIDGE_ROUTER.ID.eq(id)).fetchOptional(MOD_ROUTERBRIDGE_ROUTER.PASSWORD_CIPHERTEXT);
    }

    private static StoredRouter toStored(ModRouterbridgeRouterRecord r) {
        return new StoredRouter(r.getId(), r.getWhmcsServerId(), r.getName(), r.getHost(), r.getApiPort(),
                Boolean.TRUE.equals(r.getTls()), r.getTlsFingerprintSha256(), r.getUsername(), r.getPasswordCiphertext(),
                r.getCreatedAt().toInstant(ZoneOffset.UTC), r.getUpdatedAt().toInstant(ZoneOffset.UTC));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
