package io.routerbridge.keyrotation;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_NETBOX_SETTINGS;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_ROUTER;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_SERVICE;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_VPN_USER;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The registry of every column of ours holding {@code CredentialCipher} ciphertext, and the SQL that rotation needs
 * on them. A migration adding such a column must add it here; {@code EncryptedColumnRegistryTest} fails otherwise.
 */
public final class EncryptedColumnRepository {
    private static final List<Column<?>> COLUMNS = List.of(
            new Column<>(MOD_ROUTERBRIDGE_ROUTER, MOD_ROUTERBRIDGE_ROUTER.ID,
                    MOD_ROUTERBRIDGE_ROUTER.PASSWORD_CIPHERTEXT),
            new Column<>(MOD_ROUTERBRIDGE_SERVICE, MOD_ROUTERBRIDGE_SERVICE.SERVICE_ID,
                    MOD_ROUTERBRIDGE_SERVICE.PPP_PASSWORD_CIPHERTEXT),
            new Column<>(MOD_ROUTERBRIDGE_VPN_USER, MOD_ROUTERBRIDGE_VPN_USER.ID,
                    MOD_ROUTERBRIDGE_VPN_USER.PASSWORD_CIPHERTEXT),
            new Column<>(MOD_ROUTERBRIDGE_IPAM_NETBOX_SETTINGS, MOD_ROUTERBRIDGE_IPAM_NETBOX_SETTINGS.NAME,
                    MOD_ROUTERBRIDGE_IPAM_NETBOX_SETTINGS.TOKEN_ENCRYPTED),
            new Column<>(MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK, MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK.NAME,
                    MOD_ROUTERBRIDGE_INTEGRATION_WEBHOOK.SECRET_ENCRYPTED));

    /** Columns whose names sound secret but which hold no ciphertext, each with the reason. */
    public static final Map<String, String> NOT_ENCRYPTED = Map.of(
            "mod_routerbridge_api_key.secret_hash",
            "a one-way bcrypt hash of the REST API key's secret: no master key is involved");

    /** A stored ciphertext and the primary key of its row (the key is never secret: an id or a settings name). */
    public record StoredValue(Object rowKey, String ciphertext) {
    }

    /** Values of one column by master key id; values not in the {@code v1:<key id>:} format counted apart. */
    public record KeyIdCounts(Map<String, Long> byKeyId, long unrecognised) {
        public long total() {
            return byKeyId.values().stream().mapToLong(Long::longValue).sum() + unrecognised;
        }
    }

    private final DSLContext db;

    public EncryptedColumnRepository(DSLContext db) {
        this.db = db;
    }

    /** Every encrypted column, as {@code table.column}. */
    public static List<String> columns() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    public KeyIdCounts countByKeyId(String column) {
        Column<?> c = column(column);
        Field<String> keyId = DSL.when(c.ciphertext.likeRegex("^v1:[0-9a-f]{8}:"),
                DSL.substring(c.ciphertext, 4, 8)).as("key_id");
        Map<String, Long> counts = new LinkedHashMap<>();
        long unrecognised = 0;
        for (var row : db.select(keyId, DSL.count()).from(c.table).where(c.ciphertext.isNotNull())
                .groupBy(keyId).orderBy(keyId).fetch()) {
            if (row.value1() == null) {
                unrecognised += row.value2();
            } else {
                counts.put(row.value1(), row.value2().longValue());
            }
        }
        return new KeyIdCounts(counts, unrecognised);
    }

    /**
     * Up to {@code limit} values not made with {@code currentKeyId}, in primary key order after {@code afterRowKey}
     * (null: from the start), so a batch never repeats one of the same pass.
     */
    public List<StoredValue> notUnderKey(String column, String currentKeyId, Object afterRowKey, int limit) {
        return column(column).notUnderKey(db, currentKeyId, afterRowKey, limit);
    }

    /** Every value of the column, for checks after a rotation. */
    public List<StoredValue> all(String column) {
        return column(column).notUnderKey(db, null, null, Integer.MAX_VALUE);
    }

    /**
     * Replaces one value only if it still is {@code expected}: a writer that changed it meanwhile wins. Returns
     * whether it was replaced.
     */
    public boolean compareAndSet(String column, Object rowKey, String expected, String replacement) {
        return column(column).compareAndSet(db, rowKey, expected, replacement);
    }

    private static Column<?> column(String name) {
        return COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an encrypted column: " + name));
    }

    private record Column<K>(Table<?> table, Field<K> rowKey, Field<String> ciphertext) {
        String name() {
            return table.getName() + "." + ciphertext.getName();
        }

        List<StoredValue> notUnderKey(DSLContext db, String currentKeyId, Object afterRowKey, int limit) {
            Condition condition = ciphertext.isNotNull();
            if (currentKeyId != null) {
                condition = condition.and(ciphertext.notLike("v1:" + currentKeyId + ":%"));
            }
            if (afterRowKey != null) {
                condition = condition.and(rowKey.gt(rowKey.getDataType().convert(afterRowKey)));
            }
            return db.select(rowKey, ciphertext).from(table).where(condition).orderBy(rowKey).limit(limit)
                    .fetch(row -> new StoredValue(row.value1(), row.value2()));
        }

        boolean compareAndSet(DSLContext db, Object key, String expected, String replacement) {
            return db.update(table).set(ciphertext, replacement)
                    // Binary comparison: the column's collation ignores case, base64 does not.
                    .where(rowKey.eq(rowKey.getDataType().convert(key)), ciphertext.collate("utf8mb4_bin").eq(expected))
                    .execute() == 1;
        }
    }
}
