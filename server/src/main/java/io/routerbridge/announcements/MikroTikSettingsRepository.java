package io.routerbridge.announcements;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/** The one stored MikroTik integration setting (row 'default'). */
final class MikroTikSettingsRepository {
    private static final String NAME = "default";

    private final DSLContext dsl;

    MikroTikSettingsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void save(MikroTikSettings settings, Instant now) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK;
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        dsl.insertInto(t, t.NAME, t.ENABLED, t.WHMCS_SERVER_ID, t.ADDRESS_LIST, t.GATEWAY_INTERFACE, t.UPDATED_AT)
                .values(NAME, settings.enabled(), settings.whmcsServerId(), settings.addressList(),
                        settings.gatewayInterface(), at)
                .onDuplicateKeyUpdate()
                .set(t.ENABLED, settings.enabled())
                .set(t.WHMCS_SERVER_ID, settings.whmcsServerId())
                .set(t.ADDRESS_LIST, settings.addressList())
                .set(t.GATEWAY_INTERFACE, settings.gatewayInterface())
                .set(t.UPDATED_AT, at)
                .execute();
    }

    Optional<MikroTikSettings> load() {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK;
        return dsl.selectFrom(t).where(t.NAME.eq(NAME)).fetchOptional()
                .map(row -> new MikroTikSettings(Boolean.TRUE.equals(row.getEnabled()), row.getWhmcsServerId(),
                        row.getAddressList(), row.getGatewayInterface()));
    }
}
