package io.routerbridge.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.app.WhmcsChannelModule;
import io.routerbridge.config.MasterKeys;
import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.testsupport.LogCapture;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import io.routerbridge.whmcs.ModuleResult;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RouterRegistryTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final byte[] KEY = new byte[32];
    private static final byte[] NEW_KEY = new byte[32];

    static {
        KEY[0] = 7;
        NEW_KEY[0] = 8;
    }

    @BeforeEach
    void noRouters() {
        db.execute("DELETE FROM mod_routerbridge_router");
    }

    private RouterRegistry registry(MasterKeys keys) {
        return new RouterRegistry(new RouterRepository(db.dsl()), new CredentialCipher(keys), Clock.systemUTC());
    }

    @Test
    void upsertStoresOnlyCiphertextAndFindsDecrypted() {
        RouterRegistry registry = registry(MasterKeys.of(KEY));

        Router router = registry.upsertFromWhmcs(3, "10.1.2.3", 0, false, "api", "Sup3r$ecret!");

        assertThat(router.password()).isEqualTo("Sup3r$ecret!");
        assertThat(router.apiPort()).isEqualTo(8728);
        assertThat(router.name()).isEqualTo("10.1.2.3");
        assertThat(router.toString()).doesNotContain("Sup3r$ecret!");
        assertThat(registry.find(router.id())).contains(router);
        assertThat(registry.findByWhmcsServer(3)).contains(router);
        assertThat(registry.findByWhmcsServer(4)).isEmpty();
        String column = db.dsl().fetchValue("SELECT password_ciphertext FROM mod_routerbridge_router WHERE id = "
                + router.id()).toString();
        assertThat(column).startsWith("v1:" + MasterKeys.keyId(KEY) + ":").doesNotContain("Sup3r$ecret!");
        assertThat(db.dsl().fetchValue("SELECT COUNT(*) FROM mod_routerbridge_router "
                + "WHERE password_ciphertext LIKE '%Sup3r%'").toString()).isEqualTo("0");
    }

    @Test
    void unchangedCallsWriteNothingAndChangesUpdateTheSameRow() {
        RouterRegistry registry = registry(MasterKeys.of(KEY));
        Router first = registry.upsertFromWhmcs(5, "r1.example", 8729, true, "api", "one");
        String ciphertext = new RouterRepository(db.dsl()).passwordCiphertext(first.id()).orElseThrow();
        registry.pinTlsFingerprint(first.id(), "a".repeat(64));

        Router again = registry.upsertFromWhmcs(5, "r1.example", 8729, true, "api", "one");
        assertThat(new RouterRepository(db.dsl()).passwordCiphertext(first.id())).contains(ciphertext);
        assertThat(again.tlsFingerprint()).contains("a".repeat(64));

        Router newPassword = registry.upsertFromWhmcs(5, "r1.example", 8729, true, "api", "two");
        assertThat(newPassword.id()).isEqualTo(first.id());
        assertThat(newPassword.password()).isEqualTo("two");
        assertThat(newPassword.tlsFingerprint()).as("same endpoint keeps its pin").contains("a".repeat(64));

        Router moved = registry.upsertFromWhmcs(5, "r2.example", 0, true, "api", "two");
        assertThat(moved.id()).isEqualTo(first.id());
        assertThat(moved.host()).isEqualTo("r2.example");
        assertThat(moved.apiPort()).isEqualTo(8729);
        assertThat(moved.name()).as("admin-facing name kept").isEqualTo("r1.example");
        assertThat(moved.tlsFingerprint()).as("a new endpoint forgets the old pin").isEmpty();
        assertThat(registry.all()).hasSize(1);
    }

    @Test
    void rotatedKeyReencryptsOnTheNextCall() {
        Router before = registry(MasterKeys.of(KEY)).upsertFromWhmcs(6, "r.example", 0, false, "api", "pw");
        RouterRegistry rotated = registry(MasterKeys.of(NEW_KEY, KEY));

        assertThat(rotated.find(before.id()).orElseThrow().password()).isEqualTo("pw");
        rotated.upsertFromWhmcs(6, "r.example", 0, false, "api", "pw");

        assertThat(new RouterRepository(db.dsl()).passwordCiphertext(before.id()).orElseThrow())
                .startsWith("v1:" + MasterKeys.keyId(NEW_KEY) + ":");
        assertThat(registry(MasterKeys.of(NEW_KEY)).find(before.id()).orElseThrow().password()).isEqualTo("pw");
    }

    @Test
    void concurrentUpsertsOfOneServerLeaveOneRow() throws Exception {
        RouterRegistry registry = registry(MasterKeys.of(KEY));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Router>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String password = "pw" + (i % 2);
                calls.add(() -> registry.upsertFromWhmcs(9, "r9.example", 0, false, "api", password));
            }
            for (Future<Router> result : pool.invokeAll(calls)) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(registry.all()).hasSize(1);
    }

    @Test
    void invalidServerDataIsRefusedNamingTheField() {
        RouterRegistry registry = registry(MasterKeys.of(KEY));
        assertThatThrownBy(() -> registry.upsertFromWhmcs(1, " ", 0, false, "api", "pw"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hostname");
        assertThatThrownBy(() -> registry.upsertFromWhmcs(1, "h", 0, false, "", "pw"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> registry.upsertFromWhmcs(0, "h", 0, false, "api", "pw"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("serverid");
    }

    @Test
    void everyModuleCallRemembersTheRouterWithoutLoggingItsPassword() {
        try (LogCapture logs = LogCapture.start();
             TestService service = TestService.start(db, s -> s.module(WhmcsChannelModule.class).moduleFunctions().register("SuspendAccount",
                     params -> ModuleResult.success()))) {
            HttpResponse<String> response = service.callModule("SuspendAccount", Map.of(
                    "serviceid", 11, "serverid", "4", "serverip", "192.0.2.10", "serverhostname", "",
                    "serverusername", "api-user", "serverpassword", "R0uter&Pass\"word", "serverport", "",
                    "serversecure", "on"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Router router = service.app().module(FleetModule.class).registry().findByWhmcsServer(4).orElseThrow();
            assertThat(router.host()).isEqualTo("192.0.2.10");
            assertThat(router.apiPort()).isEqualTo(8729);
            assertThat(router.tls()).isTrue();
            assertThat(router.username()).isEqualTo("api-user");
            assertThat(router.password()).isEqualTo("R0uter&Pass\"word");
            logs.assertNoLineContains("R0uter&Pass\"word", service.sharedSecret());
        }
    }
}
