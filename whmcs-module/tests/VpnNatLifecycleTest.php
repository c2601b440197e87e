<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\EmulatorControl;
use RouterBridge\Tests\Harness\EmulatorProcess;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\RestApi;
use RouterBridge\Tests\Harness\ServiceProcess;
use RouterBridge\Tests\Harness\Whmcs;

/**
 * The walking skeleton end to end: WHMCS's call flow (harness) → PHP module → signed HTTP → service jar →
 * MariaDB → RouterOS API over TCP → emulator jar. After every step: the router's objects (control port),
 * the tblhosting row, and packet-trace verdicts (isolation, NAT, suspension dropping connections).
 */
final class VpnNatLifecycleTest extends WhmcsTestCase
{
    private const WAN = 'ether1';
    /** Tenants reach the router from the inside; the rules match on addresses, not on this interface. */
    private const INSIDE = 'ether2';
    private const INTERNET_HOST = '192.0.2.80';
    /** vpn-nat, WAN ether1, rate, profile, VPN services, max users, /29, quota, port range, disconnect, grace. */
    private const PRODUCT = ['vpn-nat', self::WAN, '10M/10M', 'default', 'l2tp', '5', '29', '10', '1024-65535', 'disconnect', '0'];

    private static ?EmulatorProcess $router = null;
    private static ?RestApi $api = null;
    private static int $subnetCounter = 0;

    private EmulatorControl $control;
    private int $productId;
    private int $serverId;

    protected function setUp(): void
    {
        parent::setUp();
        $database = $this->useDatabase();
        $service = ServiceProcess::get();
        self::pointServiceAt($service->url, $service->secret);
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        self::$api ??= RestApi::connect($service->url, $database);
    }

    public static function tearDownAfterClass(): void
    {
        self::$router?->stop();
        self::$router = null;
    }

    public function testTenantLifecycleOnTheRouterAndInTheTrace(): void
    {
        $this->useRouter(self::$router ??= EmulatorProcess::start('router-pass'));
        $client = Fixtures::client();

        $a = $this->newService($client, 'tenant-a.example.test');
        $this->callTwice($a, 'CreateAccount');
        $ipA = $this->assertActiveTenant($a);
        $prefixA = $this->tenantPrefix($a);

        $b = $this->newService(Fixtures::client(['email' => 'bob@example.test']), 'tenant-b.example.test');
        $this->callTwice($b, 'CreateAccount');
        $ipB = $this->assertActiveTenant($b);
        $prefixB = $this->tenantPrefix($b);
        self::assertNotSame($ipA, $ipB);
        self::assertNotSame($prefixA, $prefixB);

        // Each tenant gets a VPN user (REST) and dials in: the session's interface is where its traffic enters.
        $hostA = $this->addVpnUser($a, 'alice-laptop', $prefixA);
        $hostB = $this->addVpnUser($b, 'bob-phone', $prefixB);
        $this->assertIsolatedAndNatted($a, $prefixA, $ipA, $b, $prefixB, $ipB);

        // Traffic of both tenants in flight.
        $this->control->addConnection(['protocol' => 'tcp', 'src-address' => "{$hostA}:40001", 'dst-address' => self::INTERNET_HOST . ':443']);
        $this->control->addConnection(['protocol' => 'tcp', 'src-address' => "{$hostB}:40002", 'dst-address' => self::INTERNET_HOST . ':443']);
        $secretsA = $this->control->ownedBy($a)['/ppp/secret'] ?? [];
        self::assertSame(['alice-laptop'], array_column($secretsA, 'name'));

        $this->callTwice($a, 'SuspendAccount');
        self::assertSame('Suspended', Fixtures::serviceRow($a)['domainstatus']);
        self::assertSame($ipA, Fixtures::serviceRow($a)['dedicatedip']);
        $state = $this->control->state();
        self::assertSame([], $this->connectionsFrom($prefixA, $state), 'suspension dropped A\'s connections');
        self::assertCount(1, $this->connectionsFrom($prefixB, $state), 'B\'s connection is untouched');
        foreach ($this->control->ownedBy($a, $state)['/ppp/secret'] ?? [] as $secret) {
            self::assertSame('true', $secret['disabled'], "VPN user {$secret['name']} disabled");
        }
        self::assertSame([], array_values(array_filter($state['/ppp/active'] ?? [],
            static fn ($s) => in_array($s['name'], array_column($secretsA, 'name'), true))), 'A\'s VPN sessions kicked');
        $this->assertActiveTenant($b);

        self::assertSame(['bob-phone'], array_column($state['/ppp/active'], 'name'), 'B\'s session stays up');
        $this->assertRefusedToDial('alice-laptop');

        $this->callTwice($a, 'UnsuspendAccount');
        self::assertSame($ipA, $this->assertActiveTenant($a));
        self::assertSame($prefixA, $this->tenantPrefix($a));
        self::assertSame($hostA, $this->control->connectPpp('alice-laptop')['address'], 'A\'s VPN user dials in again');
        $this->assertIsolatedAndNatted($a, $prefixA, $ipA, $b, $prefixB, $ipB);

        $this->callTwice($a, 'TerminateAccount');
        $rowA = Fixtures::serviceRow($a);
        self::assertSame('Terminated', $rowA['domainstatus']);
        self::assertSame('', $rowA['dedicatedip'], 'the released IP is no longer shown on the service');
        $state = $this->control->state();
        self::assertSame([], $this->control->ownedBy($a, $state), 'no router object of A is left');
        self::assertSame(['bob-phone'], array_column($state['/ppp/active'], 'name'), 'only B\'s session is left');
        $this->ingress[$a] = self::INSIDE;
        $gone = $this->control->trace($hostA, self::INTERNET_HOST, 'tcp', 443, self::INSIDE);
        self::assertNotSame($ipA, $gone['finalSrcAddress'], 'A\'s prefix is no longer translated to A\'s IP');
        self::assertSame($ipB, $this->assertActiveTenant($b));

        $c = $this->newService(Fixtures::client(['email' => 'carol@example.test']), 'tenant-c.example.test');
        $this->callTwice($c, 'CreateAccount');
        self::assertSame($ipA, $this->assertActiveTenant($c), 'C gets the IP A freed');
        $prefixC = $this->tenantPrefix($c);
        $this->assertIsolatedAndNatted($c, $prefixC, $ipA, $b, $prefixB, $ipB);
    }

    public function testCreateWhileTheRouterIsStoppedFailsClearlyAndTheRetryKeepsTheIp(): void
    {
        $router = EmulatorProcess::start('router-pass');
        try {
            $this->useRouter($router);
            $d = $this->newService(Fixtures::client(), 'tenant-d.example.test');
            $router->stop();

            $result = ModuleRunner::callModule($d, 'CreateAccount');
            self::assertNotSame('success', $result);
            self::assertStringContainsString('unreachable', $result);
            self::assertSame('Pending', Fixtures::serviceRow($d)['domainstatus']);
            // The intent is recorded (SPEC §2.3): the IP is held and shown, the status stays Pending.
            $recordedIp = Fixtures::serviceRow($d)['dedicatedip'];
            self::assertNotSame('', $recordedIp);

            $test = ModuleRunner::testConnection($this->serverId);
            self::assertFalse($test['success']);
            self::assertStringContainsString('unreachable', $test['error']);

            $router->launch();
            self::assertSame(['success' => true, 'error' => ''], ModuleRunner::testConnection($this->serverId));
            self::assertSame([], $router->control->ownedBy($d), 'nothing reached the router');
            self::assertSame('success', ModuleRunner::callModule($d, 'CreateAccount'));
            self::assertSame($recordedIp, $this->assertActiveTenant($d), 'the retry keeps the IP recorded by the failed attempt');
        } finally {
            $router->stop();
        }
    }

    public function testCreateWhileTheRouterRefusesLoginsFailsClearlyAndTheRetryKeepsTheIp(): void
    {
        $router = EmulatorProcess::start('router-pass');
        try {
            $this->useRouter($router);
            $first = $this->newService(Fixtures::client(), 'tenant-e.example.test');
            self::assertSame('success', ModuleRunner::callModule($first, 'CreateAccount'));
            $ipFirst = $this->assertActiveTenant($first);
            // A restart drops the service's pooled connection, so its next call must log in again.
            $router->stop();
            $router->launch();
            $router->control->faults(['refuseLogins' => true]);

            $e = $this->newService(Fixtures::client(['email' => 'eve@example.test']), 'tenant-f.example.test');
            $result = ModuleRunner::callModule($e, 'CreateAccount');
            self::assertNotSame('success', $result);
            self::assertStringContainsString('login refused', $result, 'the error says what the router did');
            self::assertSame('Pending', Fixtures::serviceRow($e)['domainstatus']);
            $recordedIp = Fixtures::serviceRow($e)['dedicatedip'];
            self::assertSame([], $router->control->ownedBy($e), 'nothing reached the router');

            $router->control->clearFaults();
            self::assertSame('success', ModuleRunner::callModule($e, 'CreateAccount'));
            $ip = $this->assertActiveTenant($e);
            self::assertNotSame($ipFirst, $ip);
            self::assertSame($recordedIp, $ip, 'the retry keeps the IP recorded by the failed attempt');
        } finally {
            $router->stop();
        }
    }

    /** Router interface each tenant's traffic enters by (its VPN session's), by service id. */
    private array $ingress = [];

    /** Adds a VPN user through the REST API, checks its secret and queue, dials in; returns its address. */
    private function addVpnUser(int $serviceId, string $name, string $prefix): string
    {
        $user = self::$api->post("/services/{$serviceId}/vpn-users", ['name' => $name, 'password' => 'vpn-pass-' . $serviceId . 'x']);
        $state = $this->control->state();
        $secret = $this->control->ownedRow($state, '/ppp/secret', $serviceId, 'vpn-user');
        self::assertNotNull($secret, "PPP secret of {$name}");
        self::assertSame([$name, 'false', 'l2tp', self::host($prefix, 1)],
            [$secret['name'], $secret['disabled'], $secret['service'], $secret['local-address']]);
        self::assertTrue(self::inPrefix($secret['remote-address'], $prefix));
        self::assertStringContainsString($secret['remote-address'], json_encode($user));
        $queue = $this->control->ownedRow($state, '/queue/simple', $serviceId, 'vpn-queue');
        self::assertNotNull($queue, "queue of {$name}");
        self::assertSame($secret['remote-address'] . '/32', $queue['target']);

        $session = $this->control->connectPpp($name, 'l2tp');
        self::assertSame($secret['remote-address'], $session['address']);
        $this->ingress[$serviceId] = "<l2tp-{$name}>";
        return $secret['remote-address'];
    }

    private function assertRefusedToDial(string $name): void
    {
        try {
            $this->control->connectPpp($name, 'l2tp');
            self::fail("{$name} could dial in while suspended");
        } catch (\RuntimeException $refused) {
            self::assertStringContainsString('409', $refused->getMessage(), $refused->getMessage());
        }
    }

    /** A fresh router, a server row pointing at it, a vpn-nat product with its own pools. */
    private function useRouter(EmulatorProcess $router): void
    {
        $this->control = $router->control;
        $this->control->reset();
        $this->control->clearFaults();
        $this->serverId = Fixtures::server('routerbridge', $router->password, ['port' => $router->apiPort, 'username' => $router->user, 'ipaddress' => '127.0.0.1', 'hostname' => '']);
        $this->productId = Fixtures::product('routerbridge', self::PRODUCT);
        // Our tables outlive the per-test truncation of tbl*, so each product gets subnets of its own.
        $n = 10 + ++self::$subnetCounter;
        self::$api->linkVpnNatPools($this->productId, "100.{$n}.0.0/24", "10.{$n}.0.0/16", 29);
    }

    private function newService(int $clientId, string $domain): int
    {
        return Fixtures::service($clientId, $this->productId, $this->serverId, ['domain' => $domain]);
    }

    /** The call, then the same call again: both succeed and the second changes nothing, router or tblhosting. */
    private function callTwice(int $serviceId, string $function): void
    {
        self::assertSame('success', ModuleRunner::callModule($serviceId, $function), "{$function} of service {$serviceId}");
        $afterFirst = [$this->routerSnapshot(), Fixtures::serviceRow($serviceId)];
        self::assertSame('success', ModuleRunner::callModule($serviceId, $function), "{$function} of service {$serviceId}, again");
        self::assertSame($afterFirst, [$this->routerSnapshot(), Fixtures::serviceRow($serviceId)],
            "a repeated {$function} leaves router and tblhosting as they were");
    }

    private function routerSnapshot(): array
    {
        $state = $this->control->state();
        $menus = [...EmulatorControl::PROVISIONED_MENUS, '/ppp/active', '/ip/firewall/connection'];
        $clock = ['uptime' => null, 'timeout' => null]; // they tick on their own
        return array_map(static fn ($menu) => array_map(static fn ($row) => array_diff_key($row, $clock), $state[$menu] ?? []),
            array_combine($menus, $menus));
    }

    /** Asserts the service is Active with an IP, and its public IP, NAT and isolation rules are on the router; returns the IP. */
    private function assertActiveTenant(int $serviceId): string
    {
        $row = Fixtures::serviceRow($serviceId);
        self::assertSame('Active', $row['domainstatus'], "service {$serviceId} is Active");
        $ip = $row['dedicatedip'];
        self::assertMatchesRegularExpression('/^100\.\d+\.0\.\d+$/', $ip, 'dedicatedip from the product\'s public pool');

        $state = $this->control->state();
        $address = $this->control->ownedRow($state, '/ip/address', $serviceId, 'public-ip');
        self::assertNotNull($address, "public IP of {$serviceId} on the router");
        self::assertSame("{$ip}/32", $address['address']);
        self::assertSame(self::WAN, $address['interface']);
        $nat = $this->control->ownedRow($state, '/ip/firewall/nat', $serviceId, 'srcnat');
        self::assertNotNull($nat, "src-nat of {$serviceId}");
        self::assertSame(['srcnat', 'src-nat', $ip, self::WAN],
            [$nat['chain'], $nat['action'], $nat['to-addresses'], $nat['out-interface']]);
        self::assertNotNull($this->control->ownedRow($state, '/ip/firewall/filter', $serviceId, 'accept-inside'));
        self::assertNotNull($this->control->ownedRow($state, '/ip/firewall/filter', $serviceId, 'isolate'));
        foreach ($this->control->ownedBy($serviceId, $state)['/ppp/secret'] ?? [] as $secret) {
            self::assertSame('false', $secret['disabled'], "VPN user {$secret['name']} enabled");
        }
        return $ip;
    }

    private function tenantPrefix(int $serviceId): string
    {
        $nat = $this->control->ownedRow($this->control->state(), '/ip/firewall/nat', $serviceId, 'srcnat');
        self::assertNotNull($nat);
        self::assertMatchesRegularExpression('#^10\.\d+\.\d+\.\d+/29$#', $nat['src-address']);
        return $nat['src-address'];
    }

    /** Behaviour, not rule shape: X cannot reach Y (dropped by X's isolation rule) and vice versa; both leave NATed. */
    private function assertIsolatedAndNatted(int $x, string $prefixX, string $ipX, int $y, string $prefixY, string $ipY): void
    {
        $state = $this->control->state();
        foreach ([[$x, $prefixX, $ipX, $y, $prefixY], [$y, $prefixY, $ipY, $x, $prefixX]] as [$service, $own, $ip, $otherService, $other]) {
            $isolateId = $this->control->ownedRow($state, '/ip/firewall/filter', $service, 'isolate')['.id'];
            $in = $this->ingress[$service] ?? self::INSIDE;
            $across = $this->control->trace(self::host($own, 2), self::host($other, 2), 'tcp', 445, $in);
            self::assertSame('drop', $across['verdict'], "service {$service} cannot reach the other tenant:\n" . implode("\n", $across['steps']));
            self::assertSame('forward', $across['chain']);
            self::assertSame($this->ingress[$otherService] ?? self::WAN, $across['outInterface'], 'routed towards the other tenant');
            self::assertSame($isolateId, end($across['matchedRuleIds']), 'dropped by its isolation rule');

            $inside = $this->control->trace(self::host($own, 2), self::host($own, 3), 'tcp', 445, $in);
            self::assertSame('accept', $inside['verdict'], "inside the tenant passes:\n" . implode("\n", $inside['steps']));

            $out = $this->control->trace(self::host($own, 2), self::INTERNET_HOST, 'tcp', 443, $in);
            self::assertSame('accept', $out['verdict'], implode("\n", $out['steps']));
            self::assertSame(self::WAN, $out['outInterface']);
            self::assertSame($ip, $out['finalSrcAddress'], "service {$service} leaves with its own public IP");
        }
    }

    private function connectionsFrom(string $prefix, array $state): array
    {
        return array_values(array_filter($state['/ip/firewall/connection'] ?? [],
            static fn ($c) => self::inPrefix(explode(':', $c['src-address'])[0], $prefix)));
    }

    private static function host(string $prefix, int $offset): string
    {
        return long2ip(ip2long(explode('/', $prefix)[0]) + $offset);
    }

    private static function inPrefix(string $ip, string $prefix): bool
    {
        [$network, $length] = explode('/', $prefix);
        $mask = -1 << (32 - (int) $length);
        return (ip2long($ip) & $mask) === (ip2long($network) & $mask);
    }
}
