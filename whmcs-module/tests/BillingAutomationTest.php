<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\BillingAutomation;
use RouterBridge\Tests\Harness\EmulatorControl;
use RouterBridge\Tests\Harness\EmulatorProcess;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\RouterOsApi;
use RouterBridge\Tests\Harness\ServiceProcess;
use RouterBridge\Tests\Harness\Whmcs;

/**
 * Expiry and re-activation of subscribers (seed 002 §2.4) are WHMCS's own automation: its daily cron suspends
 * overdue services and a payment unsuspends those suspended for non-payment, each through one module call. Played
 * over a set of pppoe subscribers on an emulated router, with every suspension checked by behaviour (session gone,
 * login refused) and every untouched subscriber still online.
 */
final class BillingAutomationTest extends WhmcsTestCase
{
    private const TODAY = '2026-12-10';

    private static ?EmulatorProcess $router = null;
    private EmulatorControl $control;
    private int $productId;
    private int $serverId;
    private int $client;
    /** @var array<string,int> service id by label */
    private array $services = [];

    protected function setUp(): void
    {
        parent::setUp();
        $this->useDatabase();
        $service = ServiceProcess::get();
        self::pointServiceAt($service->url, $service->secret);
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        BillingAutomation::$calls = [];
        self::$router ??= EmulatorProcess::start('router-pass');
        $this->control = self::$router->control;
        $this->control->reset();
        $api = RouterOsApi::login(self::$router);
        $api->command('/ppp/profile/add', ['name' => 'gold']);
        $api->command('/ppp/profile/add', ['name' => 'disconnect']);
        $api->close();
        $this->serverId = Fixtures::server('routerbridge', self::$router->password, ['port' => self::$router->apiPort,
            'username' => self::$router->user, 'ipaddress' => '127.0.0.1', 'hostname' => '']);
        $this->productId = Fixtures::product('routerbridge', ['pppoe', 'ether1', '', 'gold', 'l2tp', '5', '29', '10',
            '1024-65535', 'disconnect', '']);
        $this->client = Fixtures::client();
    }

    public static function tearDownAfterClass(): void
    {
        self::$router?->stop();
        self::$router = null;
    }

    /** An active, online pppoe subscriber due on $nextDueDate. */
    private function subscriber(string $label, string $nextDueDate, array $overrides = []): int
    {
        $id = Fixtures::service($this->client, $this->productId, $this->serverId, $overrides + [
            'domain' => "{$label}.example.test", 'username' => "sub-{$label}", 'password' => "pw-{$label}-secret",
            'nextduedate' => $nextDueDate, 'nextinvoicedate' => $nextDueDate, 'overidesuspenduntil' => '0000-00-00',
        ]);
        self::assertSame('success', ModuleRunner::callModule($id, 'CreateAccount'));
        $this->control->connectPpp("sub-{$label}", 'pppoe', '100.64.0.' . (10 + count($this->services)));
        return $this->services[$label] = $id;
    }

    private function setUpSubscribers(): void
    {
        $this->subscriber('long-overdue', '2026-12-01');
        $this->subscriber('just-due-3-days', '2026-12-07');
        $this->subscriber('within-suspend-days', '2026-12-08');
        $this->subscriber('not-due', '2027-01-01');
        $this->subscriber('overridden', '2026-12-01', ['overideautosuspend' => 1]);
        $this->subscriber('overridden-until-later', '2026-12-01', ['overideautosuspend' => 1, 'overidesuspenduntil' => '2026-12-20']);
        $this->subscriber('override-expired', '2026-12-01', ['overideautosuspend' => 1, 'overidesuspenduntil' => '2026-12-05']);
        $this->subscriber('free', '2026-12-01', ['billingcycle' => 'Free Account']);
        $abuse = $this->subscriber('suspended-for-abuse', '2026-12-01');
        self::assertSame('success', ModuleRunner::callModule($abuse, 'SuspendAccount', ['suspendreason' => 'Abuse report']));
    }

    public function testTheDailyCronSuspendsExactlyTheOverdueServicesThatAreNotOverridden(): void
    {
        $this->setUpSubscribers();
        BillingAutomation::configure(true, 3, true);
        $online = $this->online();

        $suspended = BillingAutomation::runDailyCron(self::TODAY);

        $expected = $this->ids('long-overdue', 'just-due-3-days', 'override-expired');
        self::assertSame($expected, $suspended);
        self::assertSame(array_fill(0, 3, 'success'), array_column(BillingAutomation::$calls, 'result'));
        foreach ($this->services as $label => $id) {
            $row = Fixtures::serviceRow($id);
            $wasSuspended = in_array($id, $expected, true);
            if ($wasSuspended) {
                self::assertSame(['Suspended', ''], [$row['domainstatus'], $row['suspendreason']], $label);
                $this->assertOffline($label);
            } elseif ($label !== 'suspended-for-abuse') {
                self::assertSame('Active', $row['domainstatus'], $label);
                self::assertContains("sub-{$label}", $this->online(), "{$label} stays online");
            }
        }
        self::assertSame(array_values(array_diff($online, ['sub-long-overdue', 'sub-just-due-3-days', 'sub-override-expired'])),
            $this->online(), 'every other session is untouched');

        // The next day's run finds nothing new: suspended services are not Active.
        BillingAutomation::$calls = [];
        self::assertSame([], BillingAutomation::runDailyCron('2026-12-10'));
        self::assertSame([], BillingAutomation::$calls);
    }

    public function testPayingTheInvoiceReactivatesExactlyTheServicesItPaidThatWereSuspendedForNonPayment(): void
    {
        $this->setUpSubscribers();
        BillingAutomation::configure(true, 3, true);
        BillingAutomation::runDailyCron(self::TODAY);
        [$longOverdue, $justDue, $overrideExpired, $abuse] = $this->ids('long-overdue', 'just-due-3-days', 'override-expired', 'suspended-for-abuse');
        $invoice = BillingAutomation::invoice($this->client, [$longOverdue, $justDue, $abuse], '2026-12-01');
        $unpaidOther = BillingAutomation::invoice($this->client, [$overrideExpired], '2026-12-01');
        $hooked = [];
        Whmcs::addHook('InvoicePaid', 5, static function (array $vars) use (&$hooked) {
            $hooked[] = $vars['invoiceid'];
        });
        BillingAutomation::$calls = [];
        $logBefore = count(Whmcs::$activityLog);

        $unsuspended = BillingAutomation::markInvoicePaid($invoice, '2026-12-11');

        self::assertSame([$longOverdue, $justDue], $unsuspended);
        self::assertSame(['success', 'success'], array_column(BillingAutomation::$calls, 'result'));
        self::assertSame([$invoice], $hooked, 'InvoicePaid ran after the unsuspensions');
        foreach (['long-overdue' => '2027-01-01', 'just-due-3-days' => '2027-01-07'] as $label => $nextDue) {
            $row = Fixtures::serviceRow($this->services[$label]);
            self::assertSame(['Active', $nextDue], [$row['domainstatus'], $row['nextduedate']], $label);
            $secret = $this->control->ownedRow($this->control->state(), '/ppp/secret', $this->services[$label], 'pppoe-user');
            self::assertSame(['gold', 'false'], [$secret['profile'], $secret['disabled']], $label);
            $this->control->connectPpp("sub-{$label}", 'pppoe');
        }
        self::assertSame(['Suspended', 'Abuse report'], [Fixtures::serviceRow($abuse)['domainstatus'], Fixtures::serviceRow($abuse)['suspendreason']],
            'a custom reason keeps the service suspended when paid');
        $this->assertOffline('suspended-for-abuse');
        self::assertSame('Suspended', Fixtures::serviceRow($overrideExpired)['domainstatus'], 'its own invoice is still unpaid');
        $this->assertOffline('override-expired');
        $failures = array_filter(array_slice(Whmcs::$activityLog, $logBefore),
            static fn ($entry) => str_contains($entry['description'], 'failed') || str_contains($entry['description'], 'Failed'));
        self::assertSame([], array_values($failures), 'a paid invoice writes no failure into the activity log');

        // The next day's cron leaves the paid services alone (due again next month) and suspends only the one
        // that is now 3 days overdue; paying the other invoice brings the last one back.
        self::assertSame($this->ids('within-suspend-days'), BillingAutomation::runDailyCron('2026-12-11'));
        $this->assertOffline('within-suspend-days');
        self::assertSame([$overrideExpired], BillingAutomation::markInvoicePaid($unpaidOther, '2026-12-11'));
        self::assertSame('Active', Fixtures::serviceRow($overrideExpired)['domainstatus']);
    }

    public function testWithoutEnableSuspensionOrEnableUnsuspensionTheCronAndThePaymentCallNothing(): void
    {
        $overdue = $this->subscriber('overdue', '2026-12-01');
        BillingAutomation::configure(false, 0, false);
        self::assertSame([], BillingAutomation::runDailyCron(self::TODAY));
        self::assertSame('Active', Fixtures::serviceRow($overdue)['domainstatus']);
        self::assertSame(['sub-overdue'], $this->online());

        BillingAutomation::configure(true, 0, false);
        self::assertSame([$overdue], BillingAutomation::runDailyCron(self::TODAY));
        $this->assertOffline('overdue');
        $invoice = BillingAutomation::invoice($this->client, [$overdue], '2026-12-01');
        self::assertSame([], BillingAutomation::markInvoicePaid($invoice, self::TODAY));
        self::assertSame('Suspended', Fixtures::serviceRow($overdue)['domainstatus'], 'unsuspension is off: an admin unsuspends');
        self::assertSame('2027-01-01', Fixtures::serviceRow($overdue)['nextduedate']);
    }

    /** @return list<string> online PPP names, sorted */
    private function online(): array
    {
        $names = array_column($this->control->pppActive(), 'name');
        sort($names);
        return $names;
    }

    private function assertOffline(string $label): void
    {
        self::assertNotContains("sub-{$label}", $this->online(), "{$label} has no session");
        $secret = $this->control->ownedRow($this->control->state(), '/ppp/secret', $this->services[$label], 'pppoe-user');
        self::assertSame(['disconnect', 'true'], [$secret['profile'], $secret['disabled']], $label);
        try {
            $this->control->connectPpp("sub-{$label}", 'pppoe');
            self::fail("{$label} could log in while suspended");
        } catch (\RuntimeException $refused) {
            self::assertStringContainsString('409', $refused->getMessage());
        }
    }

    /** @return list<int> */
    private function ids(string ...$labels): array
    {
        return array_map(fn ($label) => $this->services[$label], $labels);
    }
}
