package io.routerbridge.keyrotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.Main;
import io.routerbridge.config.MasterKeys;
import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.keyrotation.EncryptedColumnRepository.StoredValue;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** rotate-key over every registered column of a real MariaDB, through the class and through the command line. */
class KeyRotationTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final byte[] OLD = TestService.randomMasterKey();
    private static final byte[] NEW = TestService.randomMasterKey();
    private static final byte[] STRANGER = TestService.randomMasterKey();
    private static final CredentialCipher UNDER_OLD = new CredentialCipher(MasterKeys.of(OLD));
    private static final CredentialCipher NEW_ONLY = new CredentialCipher(MasterKeys.of(NEW));

    /** The plaintext stored in each column, row by row. */
    private final Map<String, List<String>> plaintexts = new LinkedHashMap<>();
    private EncryptedColumnRepository repository;

    @BeforeEach
    void storeCredentialsUnderTheOldKey() {
        for (String table : List.of("mod_routerbridge_vpn_user", "mod_routerbridge_service", "mod_routerbridge_router",
                "mod_routerbridge_ipam_netbox_settings", "mod_routerbridge_integration_webhook")) {
            db.execute("DELETE FROM " + table);
        }
        plaintexts.clear();
        repository = new EncryptedColumnRepository(db.dsl());
        store("mod_routerbridge_router.password_ciphertext", "router-pass-1");
        db.execute("INSERT INTO mod_routerbridge_router (id, whmcs_server_id, name, host, api_port, username,"
                + " password_ciphertext, created_at, updated_at) VALUES (1, 1, 'r1', '127.0.0.1', 8728, 'admin', '"
                + UNDER_OLD.encrypt("router-pass-1") + "', NOW(), NOW())");
        for (int service = 1; service <= 3; service++) {
            String ppp = service == 3 ? null : "ppp-pass-" + service;
            db.execute("INSERT INTO mod_routerbridge_service (service_id, router_id, mode, desired_status,"
                    + " wan_interface, parameters, last_outcome, attempts, created_at, updated_at, ppp_username,"
                    + " ppp_password_ciphertext) VALUES (" + service + ", 1, 'PPPOE', 'ACTIVE', 'ether1', '{}', 'APPLIED',"
                    + " 0, NOW(), NOW(), 'sub" + service + "', " + (ppp == null ? "NULL" : "'" + UNDER_OLD.encrypt(ppp) + "'")
                    + ")");
            if (ppp != null) {
                store("mod_routerbridge_service.ppp_password_ciphertext", ppp);
            }
        }
        for (int user = 1; user <= 5; user++) {
            String password = "vpn-pass-" + user;
            db.execute("INSERT INTO mod_routerbridge_vpn_user (id, service_id, router_id, name, password_ciphertext,"
                    + " remote_address, disabled, created_at) VALUES (" + user + ", 1, 1, 'user" + user + "', '"
                    + UNDER_OLD.encrypt(password) + "', '10.0.0." + user + "', 0, NOW())");
            store("mod_routerbridge_vpn_user.password_ciphertext", password);
        }
        db.execute("INSERT INTO mod_routerbridge_ipam_netbox_settings (name, base_url, token_encrypted, release_mode,"
                + " updated_at) VALUES ('default', 'http://127.0.0.1:9', '" + UNDER_OLD.encrypt("netbox-token-1")
                + "', 'DEPRECATE', NOW())");
        store("mod_routerbridge_ipam_netbox_settings.token_encrypted", "netbox-token-1");
        db.execute("INSERT INTO mod_routerbridge_integration_webhook (name, url, secret_encrypted, updated_at)"
                + " VALUES ('default', 'http://127.0.0.1:9/h', '" + UNDER_OLD.encrypt("webhook-secret-1") + "', NOW())");
        store("mod_routerbridge_integration_webhook.secret_encrypted", "webhook-secret-1");
    }

    @Test
    void everyColumnIsReencryptedInBatchesAndASecondRunHasNothingLeft() {
        KeyRotation rotation = rotation(MasterKeys.of(NEW, OLD));

        KeyRotation.Report report = rotation.rotate(2);

        assertThat(report.complete()).isTrue();
        assertThat(report.columns()).extracting(KeyRotation.ColumnReport::column, KeyRotation.ColumnReport::reencrypted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mod_routerbridge_router.password_ciphertext", 1L),
                        org.assertj.core.groups.Tuple.tuple("mod_routerbridge_service.ppp_password_ciphertext", 2L),
                        org.assertj.core.groups.Tuple.tuple("mod_routerbridge_vpn_user.password_ciphertext", 5L),
                        org.assertj.core.groups.Tuple.tuple("mod_routerbridge_ipam_netbox_settings.token_encrypted", 1L),
                        org.assertj.core.groups.Tuple.tuple("mod_routerbridge_integration_webhook.secret_encrypted", 1L));
        assertEverythingReadsUnderTheNewKeyAlone();
        assertThat(db.dsl().fetchValue("SELECT ppp_password_ciphertext FROM mod_routerbridge_service"
                + " WHERE service_id = 3")).as("no credential stays none").isNull();

        KeyRotation.Report again = rotation.rotate(2);
        assertThat(again.reencrypted()).isZero();
        assertThat(again.complete()).isTrue();
    }

    @Test
    void aValueUnderAKeyThatIsNotConfiguredStopsItBeforeAnyWrite() {
        String stranger = new CredentialCipher(MasterKeys.of(STRANGER)).encrypt("vpn-pass-3");
        db.execute("UPDATE mod_routerbridge_vpn_user SET password_ciphertext = '" + stranger + "' WHERE id = 3");
        Map<String, List<String>> before = storedValues();

        assertThatThrownBy(() -> rotation(MasterKeys.of(NEW, OLD)).rotate(10))
                .isInstanceOf(KeyRotation.RotationRefused.class)
                .hasMessageContaining("mod_routerbridge_vpn_user.password_ciphertext: 1 value(s) under master key "
                        + MasterKeys.keyId(STRANGER))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("vpn-pass-3", stranger));
        assertThat(storedValues()).isEqualTo(before);
    }

    @Test
    void aValueThatIsNotCiphertextIsNamedByColumnWithoutShowingIt() {
        db.execute("UPDATE mod_routerbridge_integration_webhook SET secret_encrypted = 'plain-webhook-secret'");

        assertThatThrownBy(() -> rotation(MasterKeys.of(NEW, OLD)).rotate(10))
                .hasMessageContaining("mod_routerbridge_integration_webhook.secret_encrypted: 1 value(s) not in the"
                        + " v1:<key id>:<data> format")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("plain-webhook-secret"));
    }

    @Test
    void aValueChangedMeanwhileIsLeftToItsWriter() {
        String column = "mod_routerbridge_vpn_user.password_ciphertext";
        StoredValue read = repository.notUnderKey(column, MasterKeys.keyId(NEW), null, 1).get(0);
        String writersValue = NEW_ONLY.encrypt("changed-by-the-operator");
        db.execute("UPDATE mod_routerbridge_vpn_user SET password_ciphertext = '" + writersValue + "' WHERE id = "
                + read.rowKey());

        boolean replaced = repository.compareAndSet(column, read.rowKey(), read.ciphertext(),
                NEW_ONLY.encrypt("stale-plaintext"));

        assertThat(replaced).isFalse();
        assertThat(db.dsl().fetchValue("SELECT password_ciphertext FROM mod_routerbridge_vpn_user WHERE id = "
                + read.rowKey())).isEqualTo(writersValue);
        String lowerCased = read.ciphertext().toLowerCase();
        assertThat(repository.compareAndSet(column, 2, lowerCased, NEW_ONLY.encrypt("x")))
                .as("a different ciphertext that differs only in case is not the same value").isFalse();
    }

    @Test
    void theCommandReportsCountsPerColumnAndNeverAValue() {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("RB_MASTER_KEY", Base64.getEncoder().encodeToString(NEW));
        env.put("RB_MASTER_KEYS_PREVIOUS", Base64.getEncoder().encodeToString(OLD));
        Map<String, List<String>> before = storedValues();

        String dryRun = run(env, 0, "rotate-key", "--dry-run");
        assertThat(dryRun).contains("mod_routerbridge_vpn_user.password_ciphertext: 5 value(s) (5 under "
                + MasterKeys.keyId(OLD) + "), 5 under old keys", "dry run, nothing written; 10 value(s) under old keys");
        assertThat(storedValues()).isEqualTo(before);

        String output = run(env, 0, "rotate-key", "--batch-size", "3");
        assertThat(output).contains("current master key " + MasterKeys.keyId(NEW),
                "mod_routerbridge_vpn_user.password_ciphertext: 5 re-encrypted, 0 changed meanwhile (left to their"
                        + " writer), 0 remain under old keys",
                "10 value(s) re-encrypted under master key " + MasterKeys.keyId(NEW), "0 remain under old keys");
        assertEverythingReadsUnderTheNewKeyAlone();
        assertNoValueIn(output, before);

        String withoutOldKey = run(Map.of("RB_MASTER_KEY", env.get("RB_MASTER_KEY"), "RB_DB_URL", env.get("RB_DB_URL"),
                "RB_DB_USER", env.get("RB_DB_USER"), "RB_DB_PASSWORD", env.get("RB_DB_PASSWORD")), 0, "rotate-key");
        assertThat(withoutOldKey).contains("0 value(s) re-encrypted", "0 remain under old keys");
        assertThat(run(env, 64, "rotate-key", "--batch-size", "0")).contains("--batch-size needs a number");
    }

    @Test
    void theCommandRefusesUnknownKeysWithExitCodeThree() {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("RB_MASTER_KEY", Base64.getEncoder().encodeToString(NEW));
        String output = run(env, 3, "rotate-key");

        assertThat(output).contains("rotate-key refused: nothing re-encrypted",
                "mod_routerbridge_router.password_ciphertext: 1 value(s) under master key " + MasterKeys.keyId(OLD)
                        + ", which is neither RB_MASTER_KEY nor in RB_MASTER_KEYS_PREVIOUS");
        assertThat(storedValues().get("mod_routerbridge_router.password_ciphertext").get(0))
                .startsWith("v1:" + MasterKeys.keyId(OLD) + ":");
    }

    @Test
    void aRunningInstanceThatCannotReadTheNewKeyStopsIt() {
        InstanceRepository instances = new InstanceRepository(db.dsl());
        RunningInstances oldOnly = new RunningInstances(instances, MasterKeys.of(OLD), Clock.systemUTC());
        oldOnly.heartbeat();
        Map<String, List<String>> before = storedValues();
        try {
            assertThatThrownBy(() -> rotation(MasterKeys.of(NEW, OLD)).rotate(10))
                    .isInstanceOf(KeyRotation.RotationRefused.class)
                    .hasMessageContaining("reads only master key(s) " + MasterKeys.keyId(OLD)
                            + ": restart it with RB_MASTER_KEY of id " + MasterKeys.keyId(NEW) + " first");
            assertThat(storedValues()).isEqualTo(before);

            RunningInstances restarted = new RunningInstances(instances, MasterKeys.of(NEW, OLD), Clock.systemUTC());
            restarted.heartbeat();
            oldOnly.leave();
            assertThat(rotation(MasterKeys.of(NEW, OLD)).rotate(10).complete()).isTrue();
            restarted.leave();
        } finally {
            oldOnly.leave();
        }
    }

    @Test
    void anInstanceNotSeenForLongerThanTheLiveWindowCountsAsGone() {
        InstanceRepository instances = new InstanceRepository(db.dsl());
        Clock past = Clock.fixed(Instant.now().minus(RunningInstances.LIVE).minusSeconds(5), ZoneOffset.UTC);
        RunningInstances crashed = new RunningInstances(instances, MasterKeys.of(OLD), past);
        crashed.heartbeat();
        try {
            assertThat(rotation(MasterKeys.of(NEW, OLD)).liveInstances()).isEmpty();
            assertThat(rotation(MasterKeys.of(NEW, OLD)).rotate(10).complete()).isTrue();
        } finally {
            crashed.leave();
        }
    }

    private KeyRotation rotation(MasterKeys keys) {
        return new KeyRotation(repository, new InstanceRepository(db.dsl()), keys, Clock.systemUTC());
    }

    private void store(String column, String plaintext) {
        plaintexts.computeIfAbsent(column, c -> new ArrayList<>()).add(plaintext);
    }

    private void assertEverythingReadsUnderTheNewKeyAlone() {
        for (String column : EncryptedColumnRepository.columns()) {
            List<StoredValue> values = repository.all(column);
            assertThat(values).as(column).allSatisfy(value ->
                    assertThat(value.ciphertext()).startsWith("v1:" + MasterKeys.keyId(NEW) + ":"));
            assertThat(values.stream().map(value -> NEW_ONLY.decrypt(value.ciphertext())).toList()).as(column)
                    .isEqualTo(plaintexts.get(column));
        }
    }

    private Map<String, List<String>> storedValues() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String column : EncryptedColumnRepository.columns()) {
            values.put(column, repository.all(column).stream().map(StoredValue::ciphertext).toList());
        }
        return values;
    }

    private void assertNoValueIn(String output, Map<String, List<String>> ciphertexts) {
        plaintexts.values().forEach(list -> list.forEach(p -> assertThat(output).doesNotContain(p)));
        ciphertexts.values().forEach(list -> list.forEach(c -> assertThat(output).doesNotContain(c.substring(12))));
        assertThat(output).doesNotContain(Base64.getEncoder().encodeToString(NEW),
                Base64.getEncoder().encodeToString(OLD));
    }

    private static String run(Map<String, String> env, int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new io.routerbridge.config.Environment(env),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text;
    }
}
