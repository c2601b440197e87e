package io.routerbridge.lifecycle;

import static io.routerbridge.lifecycle.LifecycleFixture.owned;
import static io.routerbridge.lifecycle.LifecycleFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Long or odd WHMCS values are refused up front with a 400 naming the field, before anything is recorded; a value
 * at the limit works end to end and keeps working (reconcile of the router too). Our sessions are strict, so a
 * value too long for a column would be an error, never silently cut.
 */
class SubscriberInputLimitsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static LifecycleFixture fixture;
    private static RouterOsEmulator router;

    @BeforeAll
    static void start() {
        fixture = new LifecycleFixture(db);
        router = LifecycleFixture.emulator();
        router.state().add("/ppp/profile", Map.of("name", "disconnect"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
        router.close();
    }

    private Map<String, Object> pppoe(long serviceId) {
        fixture.hostingRow(serviceId, 71, 7);
        Map<String, Object> p = params(serviceId, 71, 7, router);
        p.put("configoption1", "pppoe");
        p.put("username", "sub" + serviceId);
        p.put("password", "pw-" + serviceId);
        return p;
    }

    private void refused(String function, Map<String, Object> p, String field, String... words) {
        JsonNode answer = fixture.call(function, p, 400);
        assertThat(answer.get("field").asText()).isEqualTo(field);
        assertThat(answer.get("error").asText()).contains(field);
        for (String word : words) {
            assertThat(answer.get("error").asText()).contains(word);
        }
    }

    private boolean recorded(long serviceId) {
        return db.dsl().fetchExists(db.dsl().selectOne().from("mod_routerbridge_service")
                .where("service_id = " + serviceId));
    }

    @Test
    void aPasswordOverTheLimitIsRefusedNamingTheFieldAndNothingIsRecorded() {
        Map<String, Object> p = pppoe(701);
        p.put("password", "p".repeat(InputLimits.PPP_PASSWORD_BYTES + 1));
        refused("CreateAccount", p, "password", "256 bytes", "at most 255");
        p.put("password", "é".repeat(128)); // 128 characters, 256 bytes of UTF-8
        refused("CreateAccount", p, "password", "256 bytes");
        p.put("password", "x".repeat(5000)); // the old failure: cut by the column, never decrypting again
        refused("CreateAccount", p, "password");
        assertThat(recorded(701)).isFalse();
        assertThat(owned(router, "/ppp/secret", 701)).isEmpty();
    }

    @Test
    void aPasswordAtTheLimitWorksAndTheRouterStillReconciles() {
        Map<String, Object> p = pppoe(702);
        String longest = "é".repeat(127) + "x"; // 255 bytes
        p.put("password", longest);
        fixture.success("CreateAccount", p);
        assertThat(owned(router, "/ppp/secret", 702)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("password", longest));
        fixture.success("SuspendAccount", p);
        fixture.success("UnsuspendAccount", p);
        ServiceLifecycle lifecycle = fixture.service.app().module(LifecycleModule.class).lifecycle();
        lifecycle.reconcile(lifecycle.require(702).routerId(), false);
        assertThat(owned(router, "/ppp/secret", 702).get(0)).containsEntry("password", longest)
                .containsEntry("disabled", "false");
        fixture.success("TerminateAccount", p);
    }

    @Test
    void aServiceWhosePasswordWasCutBeforeTheLimitsAnswersClearlyAndChangePasswordRepairsIt() {
        Map<String, Object> p = pppoe(706);
        fixture.success("CreateAccount", p);
        // What a non-strict session did to an over-long password: the ciphertext cut to its column.
        db.execute("UPDATE mod_routerbridge_service SET ppp_password_ciphertext = LEFT(ppp_password_ciphertext, 40)"
                + " WHERE service_id = 706");
        JsonNode refused = fixture.call("SuspendAccount", p, 409);
        assertThat(refused.get("field").asText()).isEqualTo("password");
        assertThat(refused.get("error").asText()).contains("service 706").contains("Change Password");
        ServiceLifecycle lifecycle = fixture.service.app().module(LifecycleModule.class).lifecycle();
        assertThat(lifecycle.require(706).pppUsername()).isEqualTo("sub706");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> lifecycle.reconcile(lifecycle.require(706).routerId(), false))
                .hasMessageContaining("service 706").hasMessageContaining("Change Password");

        p.put("password", "repaired-706");
        fixture.success("ChangePassword", p);
        fixture.success("SuspendAccount", p);
        assertThat(owned(router, "/ppp/secret", 706).get(0)).containsEntry("password", "repaired-706")
                .containsEntry("disabled", "true");
        lifecycle.reconcile(lifecycle.require(706).routerId(), false);
        fixture.success("TerminateAccount", p);
        assertThat(owned(router, "/ppp/secret", 706)).isEmpty();
    }

    @Test
    void aChangedPasswordOverTheLimitIsRefusedAndTheOldOneStays() {
        Map<String, Object> p = pppoe(703);
        fixture.success("CreateAccount", p);
        p.put("password", "q".repeat(800));
        refused("ChangePassword", p, "password", "800 bytes");
        assertThat(owned(router, "/ppp/secret", 703).get(0)).containsEntry("password", "pw-703");
        p.put("password", "line\nbreak");
        refused("ChangePassword", p, "password", "control characters");
        fixture.success("SuspendAccount", p);
        fixture.success("TerminateAccount", p);
    }

    @Test
    void aUserNameOverTheColumnOrWithControlCharactersIsRefused() {
        Map<String, Object> p = pppoe(704);
        p.put("username", "u".repeat(InputLimits.PPP_NAME_CHARS + 1));
        refused("CreateAccount", p, "username", "65 characters", "at most 64");
        p.put("username", "tab\there");
        refused("CreateAccount", p, "username", "control characters");
        p.put("username", "");
        JsonNode answer = fixture.call("CreateAccount", p, 400);
        assertThat(answer.get("field").asText()).isEqualTo("username");
        p.put("username", "u".repeat(InputLimits.PPP_NAME_CHARS));
        fixture.success("CreateAccount", p);
        fixture.success("TerminateAccount", p);
        assertThat(recorded(704)).isTrue();
    }

    @Test
    void productOptionsOverTheirLimitsAreRefusedNamingTheOption() {
        for (var option : List.of(
                Map.entry("configoption2", InputLimits.ROUTER_NAME_CHARS),
                Map.entry("configoption4", InputLimits.ROUTER_NAME_CHARS),
                Map.entry("configoption5", InputLimits.OPTION_CHARS),
                Map.entry("configoption9", InputLimits.OPTION_CHARS),
                Map.entry("configoption10", InputLimits.ROUTER_NAME_CHARS))) {
            Map<String, Object> p = pppoe(710 + Integer.parseInt(option.getKey().substring(12)));
            p.put(option.getKey(), "n".repeat(option.getValue() + 1));
            refused("CreateAccount", p, option.getKey(), "at most " + option.getValue());
        }
    }

    @Test
    void ourSessionsAreStrictYetReadAndWriteWhmcsZeroDates() {
        assertThat(db.dsl().fetchValue("SELECT @@SESSION.sql_mode").toString())
                .contains("STRICT_TRANS_TABLES").doesNotContain("NO_ZERO_DATE").doesNotContain("NO_ZERO_IN_DATE");
        // tblhosting rows carry '0000-00-00' dates (overidesuspenduntil): updating and matching them still works.
        Map<String, Object> p = pppoe(705);
        fixture.success("CreateAccount", p);
        assertThat(db.dsl().execute("UPDATE tblhosting SET dedicatedip = '100.64.7.5' WHERE id = 705"
                + " AND overidesuspenduntil = '0000-00-00'")).isEqualTo(1);
        assertThat(db.dsl().fetchValue("SELECT CAST(overidesuspenduntil AS CHAR) FROM tblhosting WHERE id = 705"))
                .hasToString("0000-00-00");
        assertThat(fixture.dedicatedIp(705)).isEqualTo("100.64.7.5");
        fixture.success("TerminateAccount", p);
    }
}
