<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\EmulatorControl;
use RouterBridge\Tests\Harness\EmulatorProcess;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\RestApi;
use RouterBridge\Tests\Harness\RouterOsApi;
use RouterBridge\Tests\Harness\ServiceProcess;
use RouterBridge\Tests\Harness\Whmcs;

/**
 * The ISP subscriber modes (seed 002) through WHMCS's call flow, the PHP module, the service and an emulated
 * router: pppoe and static, Create → Suspend → Unsuspend → ChangePackage → ChangePassword → Terminate, each call
 * twice, with the router's state read after every step and suspension shown by behaviour (no session, a refused
 * login, a dropped packet).
 */
final class SubscriberLifecycleTest extends WhmcsTestCase
{
    private const INTERNET_HOST = '192.0.2.80';
    private const INSIDE = 'ether2';

    private static ?EmulatorProcess $router = null;
    private static ?RestApi $api = null;
    private static int $subnetCounter = 0;

    private EmulatorControl $control;
    private int $serverId;

    protected function setUp(): void
    {
        parent::setUp();
        $database = $this->useDatabase();
        $service = ServiceProcess::get();
        self::pointServiceAt($service->url, $service->secret);
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        self::$api ??= RestApi::connect($service->url, $database);
        self::$router ??= EmulatorProcess::start('router-pass');
        $this->control = self::$router->control;
        $this->control->reset();
        $this->serverId = Fixtures::server('routerbridge', self::$router->password, ['port' => self::$router->apiPort,
            'username' => self::$router->user, 'ipaddress' => '127.0.0.1', 'hostname' => '']);
        // The operator's PPP profiles, made on the router as with Winbox before products name them.
        $api = RouterOsApi::login(self::$router);
        foreach (['gold' => '20M/20M', 'silver' => '5M/5M', 'disconnect' => '64k/64k'] as $profile => $rate) {
            $api->command('/ppp/profile/add', ['name' => $profile, 'rate-limit' => $rate]);
        }
        $api->close();
    }

    public static function tearDownAfterClass(): void
    {
        self::$router?->stop();
        self::$router = null;
    }

    /** mode, WAN, rate, profile, VPN services, max users, /29, quota, port range, disconnect profile, retired. */
    private static function product(string $mode, string $rate, string $profile): int
    {
        return Fixtures::product('routerbridge', [$mode, 'ether1', $rate, $profile, 'l2tp', '5', '29', '10', '1024-65535',
            'disconnect', ''], ['name' => "{$mode} {$profile} {$rate}"]);
    }

    public function testPppoeSubscriberThroughEveryCall(): void
    {
        $gold = self::product('pppoe', '', 'gold');
        $silver = self::product('pppoe', '', 'silver');
        $id = Fixtures::service(Fixtures::client(), $gold, $this->serverId,
            ['domain' => 'sub-1.example.test', 'username' => 'alice.sub', 'password' => 'first-Secret-1']);
        $other = Fixtures::service(Fixtures::client(['email' => 'bob@example.test']), $gold, $this->serverId,
            ['domain' => 'sub-2.example.test', 'username' => 'bob.sub', 'password' => 'bob-Secret-2']);

        $this->callTwice($id, 'CreateAccount');
        $this->callTwice($other, 'CreateAccount');
        $this->assertSecret($id, 'alice.sub', 'first-Secret-1', 'gold', 'false');
        self::assertSame('Active', Fixtures::serviceRow($id)['domainstatus']);
        $this->control->connectPpp('alice.sub', 'pppoe', '100.64.0.10');
        $this->control->connectPpp('bob.sub', 'pppoe', '100.64.0.11');
        self::assertSame(['20M/20M'], $this->sessionQueues('alice.sub'), 'the session runs at the gold profile\'s rate');

        $this->callTwice($id, 'SuspendAccount');
        self::assertSame('Suspended', Fixtures::serviceRow($id)['domainstatus']);
        $this->assertSecret($id, 'alice.sub', 'first-Secret-1', 'disconnect', 'true');
        self::assertSame(['bob.sub'], $this->sessionNames(), 'alice kicked; bob untouched');
        $this->assertRefusedToDial('alice.sub');

        $this->callTwice($id, 'UnsuspendAccount');
        self::assertSame('Active', Fixtures::serviceRow($id)['domainstatus']);
        $this->assertSecret($id, 'alice.sub', 'first-Secret-1', 'gold', 'false');
        $this->control->connectPpp('alice.sub', 'pppoe', '100.64.0.10');
        self::assertSame(['20M/20M'], $this->sessionQueues('alice.sub'));

        // WHMCS's upgrade: the service moves to the silver product, then ChangePackage. The live session is
        // kicked so the subscriber logs in again under silver.
        Whmcs::pdo()->prepare('UPDATE tblhosting SET packageid = ? WHERE id = ?')->execute([$silver, $id]);
        $this->callTwice($id, 'ChangePackage');
        $this->assertSecret($id, 'alice.sub', 'first-Secret-1', 'silver', 'false');
        self::assertSame(['bob.sub'], $this->sessionNames(), 'the old session (gold) is gone, bob\'s stays');
        $this->control->connectPpp('alice.sub', 'pppoe', '100.64.0.10');
        self::assertSame(['5M/5M'], $this->sessionQueues('alice.sub'), 'the new session runs at silver\'s rate');

        // ChangePassword as WHMCS runs it: the new password is stored (encrypted) in tblhosting first.
        Whmcs::pdo()->prepare('UPDATE tblhosting SET password = ? WHERE id = ?')->execute([encrypt('second-Secret-2'), $id]);
        $this->callTwice($id, 'ChangePassword');
        $this->assertSecret($id, 'alice.sub', 'second-Secret-2', 'silver', 'false');
        self::assertSame(['bob.sub'], $this->sessionNames(), 'the session under the old password is kicked');

        // A suspended subscriber changing package stays suspended, on the disconnect profile.
        $this->callTwice($id, 'SuspendAccount');
        Whmcs::pdo()->prepare('UPDATE tblhosting SET packageid = ? WHERE id = ?')->execute([$gold, $id]);
        $this->callTwice($id, 'ChangePackage');
        $this->assertSecret($id, 'alice.sub', 'second-Secret-2', 'disconnect', 'true');
        $this->callTwice($id, 'UnsuspendAccount');
        $this->assertSecret($id, 'alice.sub', 'second-Secret-2', 'gold', 'false');

        $this->callTwice($id, 'TerminateAccount');
        self::assertSame('Terminated', Fixtures::serviceRow($id)['domainstatus']);
        self::assertSame([], $this->control->ownedBy($id), 'nothing of the service is left on the router');
        self::assertSame(['bob.sub'], $this->sessionNames());
        $this->assertSecret($other, 'bob.sub', 'bob-Secret-2', 'gold', 'false');
    }

    public function testPppoeAnswersHonestlyWhenAPackageOrPasswordCannotBeApplied(): void
    {
        $gold = self::product('pppoe', '', 'gold');
        $id = Fixtures::service(Fixtures::client(), $gold, $this->serverId,
            ['domain' => 'sub-3.example.test', 'username' => 'carol.sub', 'password' => 'carol-Secret-3']);
        self::assertSame('success', ModuleRunner::callModule($id, 'CreateAccount'));
        $before = $this->control->ownedBy($id);

        $static = self::product('static', '10M/10M', 'default');
        Whmcs::pdo()->prepare('UPDATE tblhosting SET packageid = ? WHERE id = ?')->execute([$static, $id]);
        $result = ModuleRunner::callModule($id, 'ChangePackage');
        self::assertStringContainsString('pppoe service and the new package is static', $result);
        self::assertSame($before, $this->control->ownedBy($id), 'nothing changed on the router');

        Whmcs::pdo()->prepare('UPDATE tblhosting SET packageid = ?, password = ? WHERE id = ?')
            ->execute([$gold, encrypt(str_repeat('x', 800)), $id]);
        $result = ModuleRunner::callModule($id, 'ChangePassword');
        self::assertStringContainsString('password', $result);
        self::assertStringContainsString('at most 255', $result);
        $this->assertSecret($id, 'carol.sub', 'carol-Secret-3', 'gold', 'false');
        self::assertSame('success', ModuleRunner::callModule($id, 'TerminateAccount'));
    }

    public function testStaticSubscriberThroughEveryCall(): void
    {
        $fast = self::product('static', '20M/20M', 'default');
        $slow = self::product('static', '5M/5M', 'default');
        $n = 20 + ++self::$subnetCounter;
        $subnet = self::$api->subnet("100.{$n}.0.0/29");
        $pool = self::$api->addressPool("static-{$n}", (int) $subnet['id']);
        $configuration = self::$api->configuration("static subscribers {$n}");
        foreach ([$fast, $slow] as $product) {
            self::$api->relation((int) $configuration['id'], 'product', $product, (int) $pool['id']);
        }
        $id = Fixtures::service(Fixtures::client(), $fast, $this->serverId, ['domain' => 'static-1.example.test']);
        $other = Fixtures::service(Fixtures::client(['email' => 'dan@example.test']), $fast, $this->serverId,
            ['domain' => 'static-2.example.test']);

        $this->callTwice($id, 'CreateAccount');
        $this->callTwice($other, 'CreateAccount');
        $ip = Fixtures::serviceRow($id)['dedicatedip'];
        $otherIp = Fixtures::serviceRow($other)['dedicatedip'];
        self::assertStringStartsWith("100.{$n}.0.", $ip);
        $this->assertQueue($id, $ip, '20000000/20000000');
        $this->assertPasses($ip);

        $this->control->addConnection(['protocol' => 'tcp', 'src-address' => "{$ip}:40001", 'dst-address' => self::INTERNET_HOST . ':443']);
        $this->control->addConnection(['protocol' => 'tcp', 'src-address' => "{$otherIp}:40002", 'dst-address' => self::INTERNET_HOST . ':443']);
        $this->callTwice($id, 'SuspendAccount');
        self::assertSame('Suspended', Fixtures::serviceRow($id)['domainstatus']);
        $state = $this->control->state();
        $listed = $this->control->ownedRow($state, '/ip/firewall/address-list', $id, 'suspended');
        self::assertSame(['rb-suspended', $ip], [$listed['list'] ?? null, $listed['address'] ?? null]);
        $this->assertDropped($ip);
        $this->assertPasses($otherIp);
        $connections = array_column($state['/ip/firewall/connection'] ?? [], 'src-address');
        self::assertSame(["{$otherIp}:40002"], $connections, 'the suspended subscriber\'s tracked connection is dropped');
        $this->assertQueue($id, $ip, '20000000/20000000');

        $this->callTwice($id, 'UnsuspendAccount');
        self::assertNull($this->control->ownedRow($this->control->state(), '/ip/firewall/address-list', $id, 'suspended'));
        $this->assertPasses($ip);

        Whmcs::pdo()->prepare('UPDATE tblhosting SET packageid = ? WHERE id = ?')->execute([$slow, $id]);
        $this->callTwice($id, 'ChangePackage');
        $this->assertQueue($id, $ip, '5000000/5000000');
        self::assertSame($ip, Fixtures::serviceRow($id)['dedicatedip'], 'the address stays');
        $this->assertPasses($ip);

        // Static subscribers have no password on the router: ChangePassword succeeds and changes nothing.
        $before = $this->control->ownedBy($id);
        $this->callTwice($id, 'ChangePassword');
        self::assertSame($before, $this->control->ownedBy($id));

        $this->callTwice($id, 'SuspendAccount');
        $this->assertDropped($ip);
        $this->callTwice($id, 'TerminateAccount');
        self::assertSame('Terminated', Fixtures::serviceRow($id)['domainstatus']);
        self::assertSame('', Fixtures::serviceRow($id)['dedicatedip']);
        self::assertSame([], $this->control->ownedBy($id));
        self::assertSame([], array_values(array_filter($this->control->state()['/ip/firewall/address-list'] ?? [],
            static fn ($row) => ($row['address'] ?? '') === $ip)), 'the address left the suspended list');
        $this->assertQueue($other, $otherIp, '20000000/20000000');
        $this->assertPasses($otherIp);
    }

    private function assertSecret(int $serviceId, string $name, string $password, string $profile, string $disabled): void
    {
        $secret = $this->control->ownedRow($this->control->state(), '/ppp/secret', $serviceId, 'pppoe-user');
        self::assertNotNull($secret, "PPP secret of service {$serviceId}");
        self::assertSame([$name, $password, 'pppoe', $profile, $disabled],
            [$secret['name'], $secret['password'], $secret['service'], $secret['profile'], $secret['disabled']]);
    }

    private function assertQueue(int $serviceId, string $ip, string $maxLimit): void
    {
        $queue = $this->control->ownedRow($this->control->state(), '/queue/simple', $serviceId, 'static-queue');
        self::assertNotNull($queue, "queue of service {$serviceId}");
        self::assertSame(["{$ip}/32", $maxLimit], [$queue['target'], $queue['max-limit']]);
    }

    private function assertPasses(string $ip): void
    {
        $trace = $this->control->trace($ip, self::INTERNET_HOST, 'tcp', 443, self::INSIDE);
        self::assertSame('accept', $trace['verdict'], "{$ip} reaches the internet: " . json_encode($trace['steps']));
    }

    private function assertDropped(string $ip): void
    {
        $trace = $this->control->trace($ip, self::INTERNET_HOST, 'tcp', 443, self::INSIDE);
        self::assertSame('drop', $trace['verdict'], "{$ip} is blocked: " . json_encode($trace['steps']));
    }

    /** @return list<string> */
    private function sessionNames(): array
    {
        $names = array_column($this->control->pppActive(), 'name');
        sort($names);
        return $names;
    }

    /** The max-limit of the dynamic queue RouterOS gives a session of a rate-limited profile. */
    private function sessionQueues(string $name): array
    {
        $queues = array_filter($this->control->state()['/queue/simple'] ?? [],
            static fn ($row) => ($row['name'] ?? '') === "<pppoe-{$name}>");
        return array_values(array_map(static fn ($row) => self::rate($row['max-limit']), $queues));
    }

    private static function rate(string $pair): string
    {
        return implode('/', array_map(static fn ($bits) => ((int) $bits % 1000000 === 0)
            ? ((int) $bits / 1000000) . 'M' : ((int) $bits / 1000) . 'k', explode('/', $pair)));
    }

    private function assertRefusedToDial(string $name): void
    {
        try {
            $this->control->connectPpp($name, 'pppoe');
            self::fail("{$name} could dial in while suspended");
        } catch (\RuntimeException $refused) {
            self::assertStringContainsString('409', $refused->getMessage(), $refused->getMessage());
        }
    }

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
        $clock = ['uptime' => null, 'timeout' => null];
        return array_map(static fn ($menu) => array_map(static fn ($row) => array_diff_key($row, $clock), $state[$menu] ?? []),
            array_combine($menus, $menus));
    }
}
