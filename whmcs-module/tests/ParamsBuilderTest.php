<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ParamsBuilder;

/** $params as WHMCS builds them, read from the real WHMCS tables. */
final class ParamsBuilderTest extends WhmcsTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        $this->useDatabase();
    }

    public function testServiceProductServerAndClientFields(): void
    {
        $client = Fixtures::client(['firstname' => 'Grace', 'lastname' => 'Hopper', 'email' => 'grace@example.test', 'country' => 'US']);
        $product = Fixtures::product('routerbridge', ['vpn-nat', 'ether9', '10M/50M']);
        $server = Fixtures::server('routerbridge', 'r0uter&"pass', ['ipaddress' => '192.0.2.1', 'hostname' => 'core.example.test',
            'username' => 'api&amp;user', 'accesshash' => 'token-123', 'port' => 8799]);
        $service = Fixtures::service($client, $product, $server, ['domain' => 'grace.example.test', 'username' => 'grace',
            'password' => 'svc-Pa$$', 'dedicatedip' => '203.0.113.9', 'domainstatus' => 'Active']);

        $params = ParamsBuilder::forService($service);

        self::assertSame($service, $params['serviceid']);
        self::assertSame($service, $params['accountid']);
        self::assertSame($client, $params['userid']);
        self::assertSame($product, $params['pid']);
        self::assertSame($product, $params['packageid']);
        self::assertSame($server, $params['serverid']);
        self::assertSame('grace.example.test', $params['domain']);
        self::assertSame('grace', $params['username']);
        self::assertSame('svc-Pa$$', $params['password'], 'decrypted tblhosting.password');
        self::assertSame('Active', $params['status']);
        self::assertSame('other', $params['producttype']);
        self::assertSame('routerbridge', $params['moduletype']);
        self::assertSame('vpn-nat', $params['configoption1']);
        self::assertSame('ether9', $params['configoption2']);
        self::assertSame('10M/50M', $params['configoption3']);
        self::assertSame('', $params['configoption24']);
        self::assertArrayNotHasKey('configoption25', $params);
        self::assertTrue($params['server']);
        self::assertSame('192.0.2.1', $params['serverip']);
        self::assertSame('core.example.test', $params['serverhostname']);
        self::assertSame('api&user', $params['serverusername'], 'HTML entities decoded');
        self::assertSame('r0uter&"pass', $params['serverpassword'], 'decrypted tblservers.password');
        self::assertSame('token-123', $params['serveraccesshash']);
        self::assertFalse($params['serversecure']);
        self::assertSame('http', $params['serverhttpprefix']);
        self::assertSame(8799, $params['serverport']);
        self::assertArrayNotHasKey('dedicatedip', $params, 'WHMCS passes it only through the model');
        self::assertInstanceOf(\WHMCS\Service\Service::class, $params['model']);
        self::assertSame('203.0.113.9', $params['model']->dedicatedip);
        self::assertSame($client, (int) $params['model']->clientId);
        self::assertSame('Grace', $params['clientsdetails']['firstname']);
        self::assertSame('Grace Hopper', $params['clientsdetails']['fullname']);
        self::assertSame('grace@example.test', $params['clientsdetails']['email']);
        self::assertSame('US', $params['clientsdetails']['countrycode']);
        self::assertSame($client, $params['clientsdetails']['client_id']);
        self::assertInstanceOf(\WHMCS\User\Client::class, $params['clientsdetails']['model']);
        self::assertSame([], $params['customfields']);
        self::assertSame([], $params['configoptions']);
    }

    public function testCustomFieldsAndConfigurableOptions(): void
    {
        $client = Fixtures::client();
        $product = Fixtures::product();
        $other = Fixtures::product();
        $service = Fixtures::service($client, $product, Fixtures::server());
        Fixtures::customField($product, 'vlan|VLAN ID', $service, '120|shown');
        Fixtures::customField($product, 'Notes', $service, '<b>rack</b> 4');
        Fixtures::customField($product, 'Empty');
        Fixtures::customField($other, 'Not mine', $service, 'x');
        Fixtures::configOption($product, $service, 'Bandwidth|Speed', 1, '100 Mbit|fast');
        Fixtures::configOption($product, $service, 'Extra IPs', 4, 3);
        Fixtures::configOption($product, $service, 'Backups', 3, 1);

        $params = ParamsBuilder::forService($service);

        self::assertSame(['vlan' => '120', 'Notes' => 'rack 4', 'Empty' => ''], $params['customfields']);
        self::assertSame(['Bandwidth' => '100 Mbit', 'Extra IPs' => 3, 'Backups' => 1], $params['configoptions']);
    }

    public function testServiceWithoutServerHasEmptyServerKeys(): void
    {
        $service = Fixtures::service(Fixtures::client(), Fixtures::product(), 0);
        $params = ParamsBuilder::forService($service);
        self::assertFalse($params['server']);
        foreach (['serverip', 'serverhostname', 'serverusername', 'serverpassword', 'serveraccesshash', 'serverport'] as $key) {
            self::assertSame('', $params[$key], $key);
        }
    }

    public function testPortFallsBackToTheModulesDefaultForTheProtocol(): void
    {
        $plain = Fixtures::server('routerbridge', 'p', ['port' => null, 'secure' => '']);
        $secure = Fixtures::server('routerbridge', 'p', ['port' => null, 'secure' => 'on']);
        self::assertSame(8728, ParamsBuilder::forServer($plain, 'routerbridge')['serverport']);
        $secureParams = ParamsBuilder::forServer($secure, 'routerbridge');
        self::assertSame(8729, $secureParams['serverport']);
        self::assertTrue($secureParams['serversecure']);
        self::assertSame('https', $secureParams['serverhttpprefix']);
    }

    public function testUnknownServiceIsAnError(): void
    {
        $this->expectExceptionMessage('Service ID not found: 999');
        ParamsBuilder::forService(999);
    }
}
