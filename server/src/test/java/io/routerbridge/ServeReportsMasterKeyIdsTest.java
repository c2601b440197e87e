package io.routerbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.config.Environment;
import io.routerbridge.config.MasterKeys;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A running {@code serve} tells rotate-key which master keys it reads, and takes that back when it stops. */
class ServeReportsMasterKeyIdsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void serveListsItsKeyIdsWhileItRunsAndRemovesThemWhenItStops() throws Exception {
        byte[] current = TestService.randomMasterKey();
        byte[] previous = TestService.randomMasterKey();
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("RB_HTTP_PORT", "0");
        env.put("RB_SHARED_SECRET", "serve-test-shared-secret-0123456789abcdef");
        env.put("RB_MASTER_KEY", Base64.getEncoder().encodeToString(current));
        env.put("RB_MASTER_KEYS_PREVIOUS", Base64.getEncoder().encodeToString(previous));

        try (ServeCommand.RunningService service = ServeCommand.start(ServiceConfig.fromEnvironment(new Environment(env)))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (keyIds().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(keyIds()).containsExactly(MasterKeys.keyId(current) + "," + MasterKeys.keyId(previous));
            assertThat(keyIds().get(0)).doesNotContain(env.get("RB_MASTER_KEY"), env.get("RB_MASTER_KEYS_PREVIOUS"));
        }
        assertThat(keyIds()).as("a clean stop removes the instance").isEmpty();
    }

    private static List<String> keyIds() {
        return db.dsl().fetch("SELECT key_ids FROM mod_routerbridge_instance").getValues(0, String.class);
    }
}
