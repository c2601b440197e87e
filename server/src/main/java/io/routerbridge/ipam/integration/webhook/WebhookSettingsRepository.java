package io.routerbridge.ipam.integration.webhook;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK;

import io.routerbridge.config.Secret;
import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIntegrationWebhookRecord;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/** The stored webhook; the secret is encrypted at rest with {@link CredentialCipher}. */
public final class WebhookSettingsRepository {
    private static final String NAME = "default";

    private final DSLContext dsl;
    private final CredentialCipher cipher;

    public WebhookSettingsRepository(DSLContext dsl, CredentialCipher cipher) {
        this.dsl = dsl;
        this.cipher = cipher;
    }

    void save(WebhookSettings settings, Instant now) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK;
        String secret = cipher.encrypt(settings.secret().reveal());
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        dsl.insertInto(t, t.NAME, t.URL, t.SECRET_ENCRYPTED, t.UPDATED_AT)
                .values(NAME, settings.url().toString(), secret, at)
                .onDuplicateKeyUpdate()
                .set(t.URL, settings.url().toString())
                .set(t.SECRET_ENCRYPTED, secret)
                .set(t.UPDATED_AT, at)
                .execute();
    }

    boolean delete() {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK;
        return dsl.deleteFrom(t).where(t.NAME.eq(NAME)).execute() > 0;
    }

    Optional<WebhookSettings> load() {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK;
        ModRouterbridgeIntegrationWebhookRecord row = dsl.selectFrom(t).where(t.NAME.eq(NAME)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new WebhookSettings(URI.create(row.getUrl()), new Secret(cipher.decrypt(row.getSecretEncrypted()))));
    }

    /** The stored secret without decrypting it, for tests that check it is not kept in clear. */
    Optional<String> storedSecret() {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK;
        return Optional.ofNullable(dsl.select(t.SECRET_ENCRYPTED).from(t).where(t.NAME.eq(NAME)).fetchOne(t.SECRET_ENCRYPTED));
    }
}
