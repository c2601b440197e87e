<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\Whmcs;

final class AddonModuleContractTest extends WhmcsTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        require_once ROOTDIR . '/modules/addons/routerbridgeaddon/routerbridgeaddon.php';
    }

    public function testConfigHasWhmcsKeysAndOurFields(): void
    {
        $config = routerbridgeaddon_config();
        foreach (['name', 'description', 'author', 'language', 'version', 'fields'] as $key) {
            self::assertArrayHasKey($key, $config);
        }
        self::assertSame(
            ['service_url', 'shared_secret', 'usage_alert_threshold', 'ip_cleaner_enabled', 'ip_cleaner_behaviour'],
            array_keys($config['fields'])
        );
        self::assertSame('password', $config['fields']['shared_secret']['Type']);
        self::assertSame('notify,mark-free', $config['fields']['ip_cleaner_behaviour']['Options']);
        foreach ($config['fields'] as $key => $field) {
            self::assertNotSame('', $field['FriendlyName'] ?? '', $key);
        }
    }

    public function testActivationFunctionsReturnWhmcsStatusArrays(): void
    {
        foreach ([routerbridgeaddon_activate(), routerbridgeaddon_deactivate(), routerbridgeaddon_upgrade(['version' => '0.0.1'])] as $status) {
            self::assertSame('success', $status['status']);
            self::assertIsString($status['description']);
        }
    }

    public function testAdminPageSaysWhenTheServiceIsUnreachable(): void
    {
        $url = self::deadServiceUrl();
        self::pointServiceAt($url, str_repeat('s', 40));
        ob_start();
        $returned = routerbridgeaddon_output(['modulelink' => 'addonmodules.php?module=routerbridgeaddon']);
        $html = ob_get_clean();
        self::assertNull($returned);
        self::assertStringContainsString('alert-danger', $html);
        self::assertStringContainsString("routerbridge service unreachable at {$url}", $html);
        self::assertStringNotContainsString('alert-success', $html);
    }

    public function testClientAreaReturnsATemplateThatExistsAndNeedsALogin(): void
    {
        $page = routerbridgeaddon_clientarea(['modulelink' => 'index.php?m=routerbridgeaddon']);
        self::assertTrue($page['requirelogin']);
        self::assertSame(['index.php?m=routerbridgeaddon' => 'My IP Addresses'], $page['breadcrumb']);
        self::assertFileExists(ROOTDIR . '/modules/addons/routerbridgeaddon/' . $page['templatefile'] . '.tpl');
        self::assertSame([], $page['vars']['services'], 'nobody is logged in');
        self::assertStringContainsString('log in', $page['vars']['errorMessage']);
        self::assertSame([], Whmcs::$moduleLog, 'the service is not asked without a client');
    }

    public function testHooksFileRegistersTheFiveHooks(): void
    {
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        foreach (['PreModuleCreate', 'AfterModuleCreate', 'AfterModuleTerminate', 'DailyCronJob', 'ClientAreaPrimarySidebar'] as $hook) {
            self::assertCount(1, Whmcs::$hooks[$hook] ?? [], $hook);
        }
        // WHMCS unsuspends on payment itself (UnsuspendAccount); the service has nothing to do for InvoicePaid.
        self::assertSame([], Whmcs::$hooks['InvoicePaid'] ?? []);
    }

    public function testSidebarHookLinksTheClientPages(): void
    {
        $this->useDatabase();
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        $visitorSidebar = new \WHMCS\View\Menu\Item('Primary Sidebar');
        run_hook('ClientAreaPrimarySidebar', $visitorSidebar);
        self::assertSame([], $visitorSidebar->getChildren(), 'nothing for visitors who are not logged in');

        $client = \RouterBridge\Tests\Harness\Fixtures::client();
        \RouterBridge\Tests\Harness\Fixtures::service($client, \RouterBridge\Tests\Harness\Fixtures::product('routerbridge', ['vpn-nat']),
            \RouterBridge\Tests\Harness\Fixtures::server(), ['domainstatus' => 'Active']);
        \WHMCS\Authentication\CurrentUser::$loggedInClient = new \WHMCS\User\Client(['id' => $client]);
        $sidebar = new \WHMCS\View\Menu\Item('Primary Sidebar');
        run_hook('ClientAreaPrimarySidebar', $sidebar);
        $link = $sidebar->getChild('RouterBridge')?->getChild('RouterBridge Overview');
        self::assertNotNull($link);
        self::assertSame('index.php?m=routerbridgeaddon', $link->getUri());
    }

    public function testPreModuleCreateAbortsWhenTheServiceIsUnreachable(): void
    {
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        $url = self::deadServiceUrl();
        self::pointServiceAt($url, str_repeat('s', 40));
        $results = run_hook('PreModuleCreate', ['params' => ['serviceid' => 5, 'userid' => 3, 'moduletype' => 'routerbridge', 'password' => 'pw-secret']]);
        self::assertSame([['abortcmd' => true]], $results);
        self::assertStringContainsString('RouterBridge PreModuleCreate failed - Service ID: 5 - Error: routerbridge service unreachable at ' . $url,
            Whmcs::$activityLog[0]['description']);
        self::assertStringNotContainsString('pw-secret', Whmcs::$moduleLog[0]['logged']['request']);
        self::assertSame('pw-secret', Whmcs::$moduleLog[0]['request']['params']['password']);
    }

    public function testHooksNeverForwardAnotherModulesCredentials(): void
    {
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        self::pointServiceAt(self::deadServiceUrl(), str_repeat('s', 40));
        $params = ['serviceid' => 9, 'moduletype' => 'cpanel', 'password' => 'a', 'serverpassword' => 'b', 'serveraccesshash' => 'c', 'serverip' => '192.0.2.5'];
        run_hook('PreModuleCreate', ['params' => $params]);
        run_hook('AfterModuleCreate', ['params' => $params]);
        run_hook('AfterModuleTerminate', ['params' => $params]);
        foreach (Whmcs::$moduleLog as $entry) {
            self::assertSame(['serviceid' => 9, 'moduletype' => 'cpanel', 'serverip' => '192.0.2.5'], $entry['request']['params']);
        }
        self::assertCount(3, Whmcs::$moduleLog);
    }

    public function testAPaidInvoiceAsksNothingAndDailyCronForwardsWithoutObjects(): void
    {
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        self::pointServiceAt(self::deadServiceUrl(), str_repeat('s', 40));
        run_hook('InvoicePaid', ['invoiceid' => 77, 'invoice' => new \stdClass()]);
        run_hook('DailyCronJob', []);
        self::assertSame(['hook DailyCronJob'], array_column(Whmcs::$moduleLog, 'action'));
        self::assertSame([], Whmcs::$moduleLog[0]['request']);
        self::assertCount(1, Whmcs::$activityLog, 'no InvoicePaid failure in the activity log');
        self::assertStringStartsWith('RouterBridge DailyCronJob failed - Error: routerbridge service unreachable', Whmcs::$activityLog[0]['description']);
    }
}
