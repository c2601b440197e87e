package io.routerbridge.ipam.netbox;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_NETBOX_SETTINGS;

import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamNetboxSettingsRecord;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/** The stored NetBox connection; the token is encrypted at rest with {@link CredentialCipher}. */
public final class NetBoxSettingsRepository {
    private static final String NAME = "default";

    private final DSLContext dsl;
    private final CredentialCipher cipher;

    public NetBoxSettingsRepository(DSLContext dsl, CredentialCipher cipher) {
        this.dsl = dsl;
        this.cipher = cipher;
    }

    record Stored(NetBoxSettings settings, NetBoxReleaseMode releaseMode) {
    }

    void save(NetBoxSettings settings, NetBoxReleaseMode releaseMode, Instant now) {
        var t = MOD_ROUTERBRIDGE_IPAM_NETBOX_SETTINGS;
        String token = cipher.encrypt(settings.token());
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        dsl.insertInto(t, t.NAME, t.BASE_URL, t.TOKEN_ENCRYPTED, t.RELEASE_MODE, t.UPDATED_AT)
                .values(NAME, settings.baseUrl().toString(), token, releaseMode.name(), at)
                .onDuplicateKeyUpdate()
                .set(t.BASE_URL, settings.baseUrl().toString())
                .set(t.TOKEN_ENCRYPTED, token)
                .set(t.RELEASE_MODE, releaseMode.name())
                .set(t.UPDATED_AT, at)
                .execute();
    }

    Optional<Stored> load() {
        var t = MOD_ROUTERBRIDGE_IPAM_NETBOX_SETTINGS;
        ModRouterbridgeIpamNetboxSettingsRecord row = dsl.selectFrom(t).where(t.NAME.eq(NAME)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new Stored(new NetBoxSettings(URI.create(row.getBaseUrl()), cipher.decrypt(row.getTokenEncrypted())),
                NetBoxReleaseMode.valueOf(row.getReleaseMode())));
    }

    /** The stored token without decrypting it, for tests that check it is not kept in clear. */
    Optional<String> storedToken() {
        var t = MOD_ROUTERBRIDGE_IPAM_NETBOX_SETTINGS;
        return Optional.ofNullable(dsl.select(t.TOKEN_ENCRYPTED).from(t).where(t.NAME.eq(NAME)).fetchOne(t.TOKEN_ENCRYPTED));
    }
}
