<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\ClientArea;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\ModuleSettings;
use RouterBridge\Tests\Harness\Whmcs;
use RouterBridge\Tests\Harness\WhmcsInstallation;

/**
 * What a real WHMCS does differently from what our code happened to call (issue 13): CurrentUser is an
 * instance, loaders run only for SimpleMode fields, the modules share one PHP process, a PreModuleCreate
 * abort stops every module's create, and the client area's sidebar and failures are seen by people.
 */
final class RealWhmcsTest extends WhmcsTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        $GLOBALS['harnessprobe_calls'] = [];
        $GLOBALS['harnessprobe_answer'] = 'success';
    }

    public function testTheAddonAndItsHooksDeclareNoFunctionTheServerModuleCouldNeed(): void
    {
        $serverFunctions = array_map(static fn ($f) => strtolower(WhmcsInstallation::SERVER_MODULE . '_' . $f),
            WhmcsInstallation::SERVER_MODULE_FUNCTIONS);
        $addonFunctions = [...WhmcsInstallation::declaredBy('addon'), ...WhmcsInstallation::declaredBy('hooks')];
        self::assertContains('routerbridgeaddon_clientarea', $addonFunctions, 'the addon was loaded in this process');
        self::assertSame([], array_values(array_intersect($addonFunctions, $serverFunctions)));
        foreach ($addonFunctions as $function) {
            self::assertStringStartsWith(WhmcsInstallation::ADDON_MODULE . '_', $function,
                'the addon keeps to its own prefix, so the server module can add any function');
        }
    }

    public function testTheSidebarHookAsksCurrentUserAsAnInstance(): void
    {
        $this->useDatabase();
        Whmcs::loadHooksFile(WhmcsInstallation::hooksFile());
        $client = Fixtures::client();
        Fixtures::service($client, Fixtures::product('routerbridge', ['vpn-nat']), Fixtures::server(), ['domainstatus' => 'Active']);
        \WHMCS\Authentication\CurrentUser::$loggedInClient = new \WHMCS\User\Client(['id' => $client]);

        $sidebar = new \WHMCS\View\Menu\Item('Primary Sidebar');
        run_hook('ClientAreaPrimarySidebar', $sidebar);

        self::assertSame('index.php?m=routerbridgeaddon', $sidebar->getChild('RouterBridge')?->getChild('RouterBridge Overview')?->getUri());
    }

    public function testTheSidebarPanelIsForClientsHoldingAddressesAndShowsItsIcon(): void
    {
        $this->useDatabase();
        Whmcs::loadHooksFile(WhmcsInstallation::hooksFile());
        $withoutOurs = Fixtures::client();
        Fixtures::service($withoutOurs, Fixtures::product('harnessprobe'), Fixtures::server('harnessprobe'), ['domainstatus' => 'Active']);
        $vpsWithIp = Fixtures::client();
        Fixtures::service($vpsWithIp, Fixtures::product('harnessprobe'), Fixtures::server('harnessprobe'),
            ['domainstatus' => 'Active', 'dedicatedip' => '198.51.100.7']);
        $terminated = Fixtures::client();
        Fixtures::service($terminated, Fixtures::product('routerbridge', ['vpn-nat']), Fixtures::server(), ['domainstatus' => 'Terminated']);

        self::assertNull($this->sidebarFor($withoutOurs)->getChild('RouterBridge'), 'no panel for a client without our services');
        self::assertNull($this->sidebarFor($terminated)->getChild('RouterBridge'), 'nor for one whose service is gone');
        $panel = $this->sidebarFor($vpsWithIp)->getChild('RouterBridge');
        self::assertNotNull($panel, 'a VPS of another module that got an address from us');
        self::assertMatchesRegularExpression('/^<i class="(fas|far|fab|fal|fad) fa-[a-z0-9-]+"><\/i>$/', $panel->iconMarkup(),
            'Six and Twenty-One print the icon as the whole class: Font Awesome 5 needs its style prefix');
    }

    public function testThePppProfileLoaderRunsInTheModuleSettingsTab(): void
    {
        $this->useDatabase();
        $url = self::deadServiceUrl();
        self::pointServiceAt($url, str_repeat('s', 40));
        $server = Fixtures::server();

        $simple = ModuleSettings::render('routerbridge', $server);
        $advanced = ModuleSettings::render('routerbridge', $server, true);

        self::assertSame(array_values(array_diff(array_keys($advanced), ['Retired (was Grace Days)'])), array_keys($simple),
            'simple mode, the default view, hides no option in use, only the retired slot');
        self::assertArrayHasKey('Retired (was Grace Days)', $advanced, 'the slot stays, so no later option inherits its values');
        self::assertStringContainsString("routerbridge service unreachable at {$url}", (string) $simple['PPP Profile']['error'],
            'WHMCS called the loader, and shows why it has no list');
        self::assertSame(['vpn-nat' => 'vpn-nat', 'pppoe' => 'pppoe', 'static' => 'static'], $simple['Mode']['options']);
    }

    public function testAnotherModulesCreateGoesOnWhenTheServiceCannotBeAsked(): void
    {
        $this->useDatabase();
        Whmcs::loadHooksFile(WhmcsInstallation::hooksFile());
        self::pointServiceAt(self::deadServiceUrl(), str_repeat('s', 40));
        $service = Fixtures::service(Fixtures::client(), Fixtures::product('harnessprobe'), Fixtures::server('harnessprobe'));

        self::assertSame('success', ModuleRunner::callModule($service, 'CreateAccount'));

        self::assertCount(1, $GLOBALS['harnessprobe_calls'], 'the cPanel/Proxmox module was called');
        self::assertSame('Active', Fixtures::serviceRow($service)['domainstatus']);
        $log = implode("\n", array_column(Whmcs::$activityLog, 'description'));
        self::assertStringContainsString("RouterBridge PreModuleCreate failed - Service ID: {$service} - Error: routerbridge service unreachable", $log);
        self::assertStringContainsString('Create continues without IP addresses from RouterBridge', $log);
    }

    public function testOurOwnProductsCreateIsAbortedWithItsReasonWhenTheServiceCannotBeAsked(): void
    {
        $this->useDatabase();
        Whmcs::loadHooksFile(WhmcsInstallation::hooksFile());
        self::pointServiceAt(self::deadServiceUrl(), str_repeat('s', 40));
        $service = Fixtures::service(Fixtures::client(), Fixtures::product('routerbridge', ['vpn-nat']), Fixtures::server());

        self::assertSame(ModuleRunner::ABORTED, ModuleRunner::callModule($service, 'CreateAccount'));
        $log = implode("\n", array_column(Whmcs::$activityLog, 'description'));
        self::assertStringContainsString("RouterBridge PreModuleCreate failed - Service ID: {$service} - Error: routerbridge service unreachable", $log);
        self::assertStringContainsString('Create aborted', $log);
    }

    public function testAClientPageFailureReachesTheActivityLog(): void
    {
        $this->useDatabase();
        $url = self::deadServiceUrl();
        self::pointServiceAt($url, str_repeat('s', 40));
        $client = Fixtures::client();

        $page = ClientArea::request(WhmcsInstallation::ADDON_MODULE, $client);

        self::assertStringContainsString('cannot be shown', $page->vars()['errorMessage']);
        $entries = array_values(array_filter(Whmcs::$activityLog,
            static fn ($entry) => str_starts_with($entry['description'], 'RouterBridge client page failed')));
        self::assertCount(1, $entries, 'the module log is off by default in WHMCS; the activity log is not');
        self::assertStringContainsString("routerbridge service unreachable at {$url}", $entries[0]['description']);
        self::assertSame($client, $entries[0]['userid']);
    }

    private function sidebarFor(int $clientId): \WHMCS\View\Menu\Item
    {
        \WHMCS\Authentication\CurrentUser::$loggedInClient = new \WHMCS\User\Client(['id' => $clientId]);
        $sidebar = new \WHMCS\View\Menu\Item('Primary Sidebar');
        run_hook('ClientAreaPrimarySidebar', $sidebar);
        return $sidebar;
    }
}
