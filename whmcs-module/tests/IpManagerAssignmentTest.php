<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\RestApi;
use RouterBridge\Tests\Harness\ServiceProcess;
use RouterBridge\Tests\Harness\Whmcs;

/**
 * The IP manager for a product of ANOTHER server module (the harness's probe module stands in for
 * Proxmox, cPanel, ...): WHMCS runs the addon's PreModuleCreate hook, the service assigns the address
 * from the pool related to the product and writes tblhosting, and the module call sees the address.
 */
final class IpManagerAssignmentTest extends WhmcsTestCase
{
    private static ?RestApi $api = null;
    private static int $subnetCounter = 0;

    protected function setUp(): void
    {
        parent::setUp();
        $database = $this->useDatabase();
        $service = ServiceProcess::get();
        self::pointServiceAt($service->url, $service->secret);
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        self::$api ??= RestApi::connect($service->url, $database);
        $GLOBALS['harnessprobe_calls'] = [];
        $GLOBALS['harnessprobe_answer'] = 'success';
    }

    public function testTheModuleCallReceivesTheAssignedAddressAndARepeatKeepsIt(): void
    {
        [$productId, $serverId, $cidr] = $this->productWithPool(24);
        $serviceId = Fixtures::service(Fixtures::client(), $productId, $serverId);

        self::assertSame('success', ModuleRunner::callModule($serviceId, 'CreateAccount'));

        $row = Fixtures::serviceRow($serviceId);
        $assigned = $row['dedicatedip'];
        self::assertTrue(self::inSubnet($assigned, $cidr), "{$assigned} comes from {$cidr}");
        self::assertSame($assigned, $GLOBALS['harnessprobe_calls'][0]['params']['dedicatedip'],
            'the module call sees the address the hook assigned');
        self::assertSame('Active', $row['domainstatus']);

        // WHMCS retries a create (e.g. after the module failed): the same address comes back, nothing new is taken.
        $GLOBALS['harnessprobe_answer'] = 'provisioning backend busy';
        self::assertSame('provisioning backend busy', ModuleRunner::callModule($serviceId, 'CreateAccount'));
        self::assertSame($assigned, $GLOBALS['harnessprobe_calls'][1]['params']['dedicatedip']);
        self::assertSame($assigned, Fixtures::serviceRow($serviceId)['dedicatedip']);
        $held = self::$api->get('/assignments?status=assigned&serviceId=' . $serviceId);
        self::assertCount(1, $held, 'one assignment for the service after two creates');
    }

    public function testAnExhaustedPoolAbortsTheCreateWithAClearMessage(): void
    {
        // A /30 has two usable addresses once network and broadcast are reserved.
        [$productId, $serverId] = $this->productWithPool(30);
        $client = Fixtures::client();
        $first = Fixtures::service($client, $productId, $serverId);
        $second = Fixtures::service($client, $productId, $serverId);
        $third = Fixtures::service($client, $productId, $serverId);
        self::assertSame('success', ModuleRunner::callModule($first, 'CreateAccount'));
        self::assertSame('success', ModuleRunner::callModule($second, 'CreateAccount'));
        $GLOBALS['harnessprobe_calls'] = [];
        Whmcs::$activityLog = [];

        $result = ModuleRunner::callModule($third, 'CreateAccount');

        self::assertNotSame('success', $result);
        self::assertSame([], $GLOBALS['harnessprobe_calls'], 'the module is not called without an address');
        $row = Fixtures::serviceRow($third);
        self::assertSame('Pending', $row['domainstatus']);
        self::assertSame('', $row['dedicatedip'], 'never a made-up address such as 0.0.0.0');
        $reasons = implode("\n", array_column(Whmcs::$activityLog, 'description'));
        self::assertMatchesRegularExpression('/PreModuleCreate failed - Service ID: ' . $third . ' - Error: .*no free address/',
            $reasons);
    }

    public function testTerminatingTheServiceReleasesItsAddressAndClearsTblhostingOnce(): void
    {
        [$productId, $serverId] = $this->productWithPool(24);
        $client = Fixtures::client();
        $serviceId = Fixtures::service($client, $productId, $serverId);
        $keeper = Fixtures::service($client, $productId, $serverId);
        self::assertSame('success', ModuleRunner::callModule($serviceId, 'CreateAccount'));
        self::assertSame('success', ModuleRunner::callModule($keeper, 'CreateAccount'));
        $address = Fixtures::serviceRow($serviceId)['dedicatedip'];
        self::assertNotSame('', $address);

        // The module failed to terminate: WHMCS runs the Failed hook, not AfterModuleTerminate; the address stays.
        $GLOBALS['harnessprobe_answer'] = 'hypervisor busy';
        self::assertSame('hypervisor busy', ModuleRunner::callModule($serviceId, 'TerminateAccount'));
        self::assertSame($address, Fixtures::serviceRow($serviceId)['dedicatedip']);
        self::assertCount(1, self::$api->get('/assignments?status=assigned&serviceId=' . $serviceId));

        $GLOBALS['harnessprobe_answer'] = 'success';
        Whmcs::$activityLog = [];
        self::assertSame('success', ModuleRunner::callModule($serviceId, 'TerminateAccount'));

        $row = Fixtures::serviceRow($serviceId);
        self::assertSame(['Terminated', '', ''], [$row['domainstatus'], $row['dedicatedip'], $row['assignedips']]);
        self::assertSame([], self::$api->get('/assignments?status=assigned&serviceId=' . $serviceId));
        $released = self::$api->get('/assignments?status=released&serviceId=' . $serviceId);
        self::assertSame([$address], array_column($released, 'address'));
        $logged = self::$api->get('/logs?action=release&serviceId=' . $serviceId);
        self::assertCount(1, $logged);
        self::assertSame(['whmcs', $address], [$logged[0]['actorType'], $logged[0]['address']]);
        self::assertStringStartsWith('AfterModuleTerminate', $logged[0]['detail']);
        self::assertSame([], array_filter(array_column(Whmcs::$activityLog, 'description'),
            static fn (string $line) => str_contains($line, 'RouterBridge AfterModuleTerminate failed')));

        // Terminating again (an admin pressing the button twice) releases nothing more.
        self::assertSame('success', ModuleRunner::callModule($serviceId, 'TerminateAccount'));
        self::assertCount(1, self::$api->get('/logs?action=release&serviceId=' . $serviceId));
        self::assertCount(1, self::$api->get('/assignments?status=assigned&serviceId=' . $keeper),
            'another service of the same pool keeps its address');

        // The freed address goes to the next service.
        $next = Fixtures::service($client, $productId, $serverId);
        self::assertSame('success', ModuleRunner::callModule($next, 'CreateAccount'));
        self::assertSame($address, Fixtures::serviceRow($next)['dedicatedip']);
    }

    /** @return array{int, int, string} product id, server id, subnet CIDR */
    private function productWithPool(int $prefixLength): array
    {
        $n = ++self::$subnetCounter + 20;
        $cidr = "198.51.{$n}.0/{$prefixLength}";
        $productId = Fixtures::product('harnessprobe', ['a', 'b']);
        $serverId = Fixtures::server('harnessprobe');
        $subnet = self::$api->subnet($cidr);
        $pool = self::$api->addressPool("ipm-{$productId}", (int) $subnet['id']);
        $configuration = self::$api->configuration("ip manager {$productId}");
        self::$api->relation((int) $configuration['id'], 'product', $productId, (int) $pool['id']);
        return [$productId, $serverId, $cidr];
    }

    private static function inSubnet(string $ip, string $cidr): bool
    {
        [$network, $length] = explode('/', $cidr);
        $mask = -1 << (32 - (int) $length);
        return $ip !== '' && (ip2long($ip) & $mask) === (ip2long($network) & $mask);
    }
}
