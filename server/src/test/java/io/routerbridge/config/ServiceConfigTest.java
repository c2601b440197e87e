package io.routerbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";
    private static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 3);
        }
    }

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("RB_DB_URL", "jdbc:mariadb://127.0.0.1:3306/whmcs");
        env.put("RB_DB_USER", "whmcs");
        env.put("RB_DB_PASSWORD", "db-password-xyz");
        env.put("RB_HTTP_PORT", "8080");
        env.put("RB_SHARED_SECRET", SECRET);
        env.put("RB_MASTER_KEY", Base64.getEncoder().encodeToString(KEY));
        return env;
    }

    @Test
    void readsACompleteEnvironment() {
        ServiceConfig config = ServiceConfig.fromEnvironment(new Environment(valid()));

        assertThat(config.database().url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/whmcs");
        assertThat(config.database().user()).isEqualTo("whmcs");
        assertThat(config.database().password().reveal()).isEqualTo("db-password-xyz");
        assertThat(config.database().poolSize()).isEqualTo(DatabaseConfig.DEFAULT_POOL_SIZE);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.sharedSecret().reveal()).isEqualTo(SECRET);
        assertThat(config.masterKeys().current()).isEqualTo(KEY);
        assertThat(config.masterKeys().currentId()).isEqualTo(MasterKeys.keyId(KEY)).matches("[0-9a-f]{8}");
    }

    @Test
    void secretsNeverShowInToString() {
        String text = ServiceConfig.fromEnvironment(new Environment(valid())).toString();

        assertThat(text).doesNotContain(SECRET, "db-password-xyz", Base64.getEncoder().encodeToString(KEY));
    }

    @Test
    void eachMissingVariableIsNamed() {
        for (String variable : valid().keySet()) {
            Map<String, String> env = valid();
            env.remove(variable);
            assertThatThrownBy(() -> ServiceConfig.fromEnvironment(new Environment(env)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(variable + " is not set");
        }
    }

    @Test
    void malformedValuesAreNamedWithoutEchoingThem() {
        assertRejected("RB_DB_URL", "postgres://x/y", "RB_DB_URL must be a jdbc:mariadb:// URL");
        assertRejected("RB_HTTP_PORT", "eighty", "RB_HTTP_PORT must be a whole number from 0 to 65535");
        assertRejected("RB_HTTP_PORT", "70000", "RB_HTTP_PORT must be a whole number from 0 to 65535");
        assertRejected("RB_SHARED_SECRET", "short-secret-abc",
                "RB_SHARED_SECRET must be at least 32 characters long (it has 16)");
        assertRejected("RB_MASTER_KEY", "not*base64!", "RB_MASTER_KEY is not valid base64");
        assertRejected("RB_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[16]),
                "RB_MASTER_KEY must decode to 32 bytes (it decodes to 16)");
    }

    @Test
    void aPreviousSharedSecretIsAcceptedBesideTheCurrentOneDuringARotation() {
        assertThat(ServiceConfig.fromEnvironment(new Environment(valid())).acceptedSharedSecrets())
                .extracting(Secret::reveal).containsExactly(SECRET);

        Map<String, String> env = valid();
        env.put("RB_SHARED_SECRET_PREVIOUS", "the-old-secret-shared-with-whmcs-0001");
        ServiceConfig config = ServiceConfig.fromEnvironment(new Environment(env));

        assertThat(config.acceptedSharedSecrets()).extracting(Secret::reveal)
                .containsExactly(SECRET, "the-old-secret-shared-with-whmcs-0001");
        assertThat(config.toString()).doesNotContain("the-old-secret-shared-with-whmcs-0001");
        assertRejected("RB_SHARED_SECRET_PREVIOUS", "old-but-short",
                "RB_SHARED_SECRET_PREVIOUS must be at least 32 characters long (it has 13)");
    }

    @Test
    void previousKeysStayReadableForRotation() {
        byte[] old = new byte[32];
        old[0] = 1;
        Map<String, String> env = valid();
        env.put("RB_MASTER_KEYS_PREVIOUS", Base64.getEncoder().encodeToString(old));

        MasterKeys keys = ServiceConfig.fromEnvironment(new Environment(env)).masterKeys();

        assertThat(keys.currentId()).isEqualTo(MasterKeys.keyId(KEY));
        assertThat(keys.byId(MasterKeys.keyId(old))).hasValueSatisfying(k -> assertThat(k).isEqualTo(old));
        assertThat(keys.byId("00000000")).isEmpty();
    }

    private static void assertRejected(String variable, String value, String message) {
        Map<String, String> env = valid();
        env.put(variable, value);
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(new Environment(env)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
    }
}
