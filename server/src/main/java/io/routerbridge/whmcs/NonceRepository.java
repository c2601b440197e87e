package io.routerbridge.whmcs;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_REQUEST_NONCE;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Nonces already seen; the primary key is the replay check, so it holds across restarts and instances. */
public final class NonceRepository {
    private final DSLContext db;

    public NonceRepository(DSLContext db) {
        this.db = db;
    }

    /** Records the nonce; false when it was already recorded (a replay). */
    public boolean remember(String nonce, Instant receivedAt) {
        try {
            db.insertInto(MOD_ROUTERBRIDGE_REQUEST_NONCE)
                    .set(MOD_ROUTERBRIDGE_REQUEST_NONCE.NONCE, nonce)
                    .set(MOD_ROUTERBRIDGE_REQUEST_NONCE.RECEIVED_AT, utc(receivedAt))
                    .execute();
            return true;
        } catch (IntegrityConstraintViolationException duplicate) {
            return false;
        }
    }

    public int purgeReceivedBefore(Instant cutoff) {
        return db.deleteFrom(MOD_ROUTERBRIDGE_REQUEST_NONCE)
                .where(MOD_ROUTERBRIDGE_REQUEST_NONCE.RECEIVED_AT.lt(utc(cutoff)))
                .execute();
    }

    public boolean contains(String nonce) {
        return db.fetchExists(MOD_ROUTERBRIDGE_REQUEST_NONCE, MOD_ROUTERBRIDGE_REQUEST_NONCE.NONCE.eq(nonce));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
