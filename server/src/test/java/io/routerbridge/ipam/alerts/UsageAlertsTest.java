package io.routerbridge.ipam.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.sync.WhmcsFixture;
import io.routerbridge.ipam.whmcs.DailyCron;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage alerts once per crossing, answered by the DailyCronJob hook over the signed WHMCS channel. */
class UsageAlertsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static TestService service;
    private long poolId;
    private IpAllocator allocator;

    @BeforeAll
    static void start() {
        service = TestService.start(db);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @BeforeEach
    void setUp() {
        WhmcsFixture.reset(db);
        long subnet = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("198.51.100.0/24")).id();
        poolId = new PoolService(new PoolRepository(db.dsl())).create(new NewPool("ten", subnet, PoolKind.ADDRESS, null,
                "198.51.100.16-198.51.100.25", Duration.ZERO)).id();
        allocator = service.app().module(IpamModule.class).allocator();
    }

    @Test
    void usageCountsOccupiedAddressesOfPoolsAndTheirSubnets() {
        for (long s = 1; s <= 3; s++) {
            allocator.allocate(poolId, s);
        }
        assertThat(service.app().module(IpamModule.class).usageAlerts().usage())
                .extracting(Usage::scope, Usage::used, Usage::capacity, Usage::percent)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("pool", BigInteger.valueOf(3), BigInteger.TEN,
                                new BigDecimal("30.00")),
                        org.assertj.core.api.Assertions.tuple("subnet", BigInteger.valueOf(3), BigInteger.TEN,
                                new BigDecimal("30.00")));
    }

    @Test
    void alertsAreHandedOutUntilMailedAndThenOncePerCrossingOfTheThreshold() {
        WhmcsFixture.addonSettings(db, Map.of("usage_alert_threshold", "80"));
        for (long s = 1; s <= 7; s++) {
            allocator.allocate(poolId, s);
        }
        assertThat(cron().path("alerts")).isEmpty();

        allocator.allocate(poolId, 8);
        JsonNode crossed = cron();
        assertThat(crossed.path("result").asText()).isEqualTo("success");
        assertThat(crossed.path("alerts")).hasSize(2);
        assertThat(crossed.path("alerts").get(0).path("subject").asText())
                .isEqualTo("IP usage of pool ten is at 80.00%");
        assertThat(crossed.path("alerts").get(1).path("message").asText())
                .contains("subnet 198.51.100.0/24", "80.00%", "threshold of 80%");
        assertThat(crossed.path("cleaner").path("enabled").asBoolean()).as("unticked in WHMCS").isFalse();

        assertThat(cron().path("alerts")).as("not mailed yet: handed out again").isEqualTo(crossed.path("alerts"));
        List<Long> ids = new ArrayList<>();
        crossed.path("alerts").forEach(alert -> ids.add(alert.path("id").asLong()));
        assertThat(mailed(ids.subList(0, 1)).path("marked").asInt()).isEqualTo(1);
        assertThat(cron().path("alerts")).as("only the unmailed one").hasSize(1);
        assertThat(mailed(ids).path("marked").asInt()).as("the first keeps its time").isEqualTo(1);

        allocator.allocate(poolId, 9);
        assertThat(cron().path("alerts")).as("still above: not repeated").isEmpty();

        allocator.release(9);
        allocator.release(8);
        assertThat(cron().path("alerts")).isEmpty();
        allocator.allocate(poolId, 10);
        assertThat(cron().path("alerts")).as("crossed again").hasSize(2);
    }

    @Test
    void theAddonSettingsInWhmcsDriveAlertsAndTheCleaner() {
        for (long s = 1; s <= 5; s++) {
            allocator.allocate(poolId, s);
        }
        WhmcsFixture.addonSettings(db, Map.of("usage_alert_threshold", "0", "ip_cleaner_enabled", "on",
                "ip_cleaner_behaviour", "notify"));
        JsonNode off = cron();
        assertThat(off.path("alerts")).as("alerts turned off").isEmpty();
        assertThat(off.path("cleaner").path("enabled").asBoolean()).isTrue();
        assertThat(off.path("cleaner").path("mode").asText()).isEqualTo("notify");
        assertThat(service.app().module(IpamModule.class).usageAlerts().pending()).as("nothing raised while off").isEmpty();

        WhmcsFixture.addonSettings(db, Map.of("usage_alert_threshold", "50", "ip_cleaner_enabled", ""));
        JsonNode answer = cron();
        assertThat(answer.path("alerts")).hasSize(2);
        assertThat(answer.path("cleaner").path("enabled").asBoolean()).isFalse();
        assertThat(answer.path("cleaner").has("found")).isFalse();
    }

    @Test
    void withNothingSavedInWhmcsTheAddonsDefaultsApply() {
        HousekeepingSettings.Values values = service.app().module(IpamModule.class).housekeepingSettings().read();
        assertThat(values.usageThreshold()).hasValue(HousekeepingSettings.DEFAULT_THRESHOLD);
        assertThat(values.cleanerEnabled()).isFalse();
        assertThat(values.cleanerMode()).isEqualTo(io.routerbridge.ipam.cleaner.CleanerMode.NOTIFY);
    }

    @Test
    void aMailedReportNeedsAlertIds() {
        var response = service.callHook(DailyCron.MAILED_HOOK, Map.of("alertIds", List.of("x")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("alertIds[0]");
    }

    private static JsonNode mailed(List<Long> ids) {
        var response = service.callHook(DailyCron.MAILED_HOOK, Map.of("alertIds", ids));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return service.json(response);
    }

    private static JsonNode cron() {
        var response = service.callHook("DailyCronJob", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return service.json(response);
    }
}
