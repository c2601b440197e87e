<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\ModuleRunner;

/** The server module's surface as WHMCS sees it, without a service behind it. */
final class ServerModuleContractTest extends WhmcsTestCase
{
    private const LIFECYCLE = ['CreateAccount', 'SuspendAccount', 'UnsuspendAccount', 'TerminateAccount', 'ChangePackage', 'ChangePassword'];

    protected function setUp(): void
    {
        parent::setUp();
        ModuleRunner::load('routerbridge');
    }

    public function testEveryFunctionExists(): void
    {
        foreach (['MetaData', 'ConfigOptions', 'TestConnection', ...self::LIFECYCLE] as $function) {
            self::assertTrue(function_exists('routerbridge_' . $function), $function);
        }
    }

    public function testMetaData(): void
    {
        $meta = routerbridge_MetaData();
        self::assertSame('1.1', $meta['APIVersion']);
        self::assertTrue($meta['RequiresServer']);
        self::assertSame('8728', $meta['DefaultNonSSLPort']);
        self::assertSame('8729', $meta['DefaultSSLPort']);
        self::assertNotSame('', $meta['DisplayName']);
    }

    /** configoption1..N are positional in WHMCS: this order is a contract with the service. */
    public function testConfigOptionsKeepTheirOrder(): void
    {
        $options = routerbridge_ConfigOptions();
        self::assertSame([
            'Mode', 'WAN Interface', 'Rate Limit', 'PPP Profile', 'VPN Service Types', 'Max VPN Users',
            'Private Subnet Size', 'Port Forward Quota', 'Allowed Port Range', 'Disconnect Profile',
            'Retired (was Grace Days)',
        ], array_keys($options));
        // The retired slot is hidden in simple mode (the tab's default) and says it is not used.
        self::assertArrayNotHasKey('SimpleMode', $options['Retired (was Grace Days)']);
        self::assertStringContainsString('Not used', $options['Retired (was Grace Days)']['Description']);
        self::assertLessThanOrEqual(24, count($options));
        foreach ($options as $name => $option) {
            self::assertContains($option['Type'], ['text', 'password', 'yesno', 'dropdown', 'radio', 'textarea'], $name);
        }
        self::assertSame('vpn-nat,pppoe,static', $options['Mode']['Options']);
        self::assertTrue(function_exists($options['PPP Profile']['Loader']));
    }

    public function testLifecycleFunctionsReportAnUnreachableServiceAndNeverSucceed(): void
    {
        $url = self::deadServiceUrl();
        self::pointServiceAt($url, str_repeat('s', 40));
        foreach (self::LIFECYCLE as $function) {
            $result = call_user_func('routerbridge_' . $function, ['serviceid' => 1, 'model' => new \stdClass()]);
            self::assertIsString($result);
            self::assertStringStartsWith("routerbridge service unreachable at {$url}: ", $result, $function);
        }
    }

    public function testTestConnectionReturnsSuccessFlagAndError(): void
    {
        $url = self::deadServiceUrl();
        self::pointServiceAt($url, str_repeat('s', 40));
        $result = routerbridge_TestConnection(['serverip' => '127.0.0.1', 'serverpassword' => 'x']);
        self::assertSame(['success', 'error'], array_keys($result));
        self::assertFalse($result['success']);
        self::assertStringStartsWith("routerbridge service unreachable at {$url}", $result['error']);
    }

    public function testPppProfileLoaderThrowsTheErrorInsteadOfReturningNothing(): void
    {
        self::pointServiceAt(self::deadServiceUrl(), str_repeat('s', 40));
        $this->expectExceptionMessage('routerbridge service unreachable at');
        routerbridge_LoadPppProfiles(['serverip' => '127.0.0.1']);
    }
}
