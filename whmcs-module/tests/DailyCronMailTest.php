<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\RestApi;
use RouterBridge\Tests\Harness\ServiceProcess;
use RouterBridge\Tests\Harness\Whmcs;
use RouterBridge\Tests\Harness\WhmcsInstallation;

/**
 * WHMCS's daily cron against the real service: the addon's settings (tbladdonmodules, as saved on its
 * Configure page) decide whether and when usage alerts go out, WHMCS ignores what the hook answers, and
 * the alerts reach the admins only as localAPI SendAdminEmail calls, marked sent once WHMCS took them.
 */
final class DailyCronMailTest extends WhmcsTestCase
{
    private static ?RestApi $api = null;
    private static int $subnetCounter = 0;

    protected function setUp(): void
    {
        parent::setUp();
        $database = $this->useDatabase();
        $service = ServiceProcess::get();
        self::pointServiceAt($service->url, $service->secret);
        Whmcs::loadHooksFile(WhmcsInstallation::hooksFile());
        self::$api ??= RestApi::connect($service->url, $database);
        $this->markEarlierAlertsMailed();
    }

    public function testAPoolCrossingTheThresholdIsMailedToTheAdminsOnce(): void
    {
        Fixtures::addonSettings(['usage_alert_threshold' => '75', 'ip_cleaner_enabled' => '']);
        $pool = $this->fullPool();

        Whmcs::runDailyCron();

        self::assertCount(1, Whmcs::$adminEmails, 'one pool crossed; its subnet is far below');
        self::assertSame('system', Whmcs::$adminEmails[0]['type']);
        self::assertStringContainsString("IP usage of pool {$pool} is at 100.00%", Whmcs::$adminEmails[0]['subject']);
        self::assertStringContainsString('threshold of 75%', Whmcs::$adminEmails[0]['message']);
        self::assertCount(1, Whmcs::localApiCallsOf('SendAdminEmail'));

        Whmcs::runDailyCron();
        self::assertCount(1, Whmcs::$adminEmails, 'the next day brings no second mail for the same crossing');
    }

    public function testNoMailWhenTheAdminTurnedUsageAlertsOff(): void
    {
        Fixtures::addonSettings(['usage_alert_threshold' => '0', 'ip_cleaner_enabled' => '']);
        $this->fullPool();

        Whmcs::runDailyCron();

        self::assertSame([], Whmcs::localApiCallsOf('SendAdminEmail'));
        self::assertSame([], array_column(Whmcs::$activityLog, 'description'), 'and nothing failed');

        Fixtures::addonSettings(['usage_alert_threshold' => '75', 'ip_cleaner_enabled' => '']);
        Whmcs::runDailyCron();
        self::assertCount(1, Whmcs::$adminEmails, 'turned on again, the full pool is reported: nothing was swallowed while off');
    }

    public function testTheServiceUsesTheSettingsSavedInWhmcs(): void
    {
        Fixtures::addonSettings(['usage_alert_threshold' => '60', 'ip_cleaner_enabled' => 'on', 'ip_cleaner_behaviour' => 'mark-free']);
        self::assertSame(60, self::$api->get('/usage')['threshold']);
        self::assertSame(['usageThreshold' => 60, 'cleanerEnabled' => true, 'cleanerMode' => 'mark-free'],
            array_intersect_key(self::$api->get('/housekeeping/settings'), ['usageThreshold' => 0, 'cleanerEnabled' => 0, 'cleanerMode' => 0]));

        Fixtures::addonSettings(['usage_alert_threshold' => '', 'ip_cleaner_enabled' => '']);
        self::assertNull(self::$api->get('/usage')['threshold'], 'alerts off');
        self::assertFalse(self::$api->get('/housekeeping/settings')['cleanerEnabled']);
    }

    public function testAnAlertWhmcsCouldNotMailComesAgainTheNextDay(): void
    {
        Fixtures::addonSettings(['usage_alert_threshold' => '75', 'ip_cleaner_enabled' => '']);
        $pool = $this->fullPool();
        Whmcs::$localApiResponses['SendAdminEmail'] = ['result' => 'error', 'message' => 'SMTP connection failed'];

        Whmcs::runDailyCron();

        self::assertSame([], Whmcs::$adminEmails);
        $log = implode("\n", array_column(Whmcs::$activityLog, 'description'));
        self::assertStringContainsString("could not mail the admins \"IP usage of pool {$pool}", $log);
        self::assertStringContainsString('SMTP connection failed', $log);

        unset(Whmcs::$localApiResponses['SendAdminEmail']);
        Whmcs::runDailyCron();
        self::assertCount(1, Whmcs::$adminEmails, 'mailed once WHMCS could');
        Whmcs::runDailyCron();
        self::assertCount(1, Whmcs::$adminEmails);
    }

    /** A 4-address pool, full, in a /24 whose other pool is empty; answers the full pool's name. */
    private function fullPool(): string
    {
        $n = ++self::$subnetCounter;
        $subnet = self::$api->subnet("100.64.{$n}.0/24");
        $name = "alerting-{$n}";
        $full = self::$api->addressPool($name, (int) $subnet['id'], ['range' => "100.64.{$n}.16-100.64.{$n}.19"]);
        self::$api->addressPool("roomy-{$n}", (int) $subnet['id'], ['range' => "100.64.{$n}.128-100.64.{$n}.254"]);
        for ($i = 1; $i <= 4; $i++) {
            self::$api->post('/assignments', ['poolId' => (int) $full['id'], 'serviceId' => 900000 + $n * 10 + $i]);
        }
        return $name;
    }

    /**
     * Pools of earlier tests stay in the shared service: one cron at a 1 % threshold gives each used pool and
     * subnet its open alert, marked mailed, so none of them raises another during this test.
     */
    private function markEarlierAlertsMailed(): void
    {
        Fixtures::addonSettings(['usage_alert_threshold' => '1', 'ip_cleaner_enabled' => '']);
        Whmcs::runDailyCron();
        Whmcs::pdo()->exec('UPDATE mod_routerbridge_ipam_usage_alert SET sent_at = NOW() WHERE sent_at IS NULL');
        Whmcs::reset();
        Whmcs::loadHooksFile(WhmcsInstallation::hooksFile());
    }
}
