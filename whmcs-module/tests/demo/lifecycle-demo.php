<?php
// A whole vpn-nat lifecycle through WHMCS's call flow (the harness), the PHP module, the service and the
// RouterOS emulator, printing the router's state and packet-trace verdicts after each step. Started by
// scripts/demo.sh, which starts MariaDB, the emulator and the service and passes them in RB_DEMO_*.

use RouterBridge\Tests\Harness\EmulatorControl;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\RestApi;
use RouterBridge\Tests\Harness\RouterReport;
use RouterBridge\Tests\Harness\Whmcs;

require dirname(__DIR__) . '/harness/load.php';

function env(string $name): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        fwrite(STDERR, "lifecycle-demo: {$name} is not set (run scripts/demo.sh)\n");
        exit(2);
    }
    return $value;
}

const INTERNET = '192.0.2.80';
const INSIDE = 'ether2';

$pdo = new PDO(sprintf('mysql:host=127.0.0.1;port=%s;dbname=%s;charset=utf8', env('RB_DEMO_DB_PORT'), env('RB_DEMO_DB_NAME')),
    env('RB_DEMO_DB_USER'), env('RB_DEMO_DB_PASSWORD'), [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$pdo->exec("SET SESSION sql_mode = ''");
Whmcs::$pdo = $pdo;
putenv('ROUTERBRIDGE_URL=' . env('ROUTERBRIDGE_URL'));
putenv('ROUTERBRIDGE_SECRET=' . env('ROUTERBRIDGE_SECRET'));
Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
$control = new EmulatorControl(env('RB_DEMO_CONTROL_URL'));
$api = RestApi::withKey(env('ROUTERBRIDGE_URL'), env('RB_DEMO_API_KEY'));

$checks = [];
function check(string $what, bool $held): void
{
    global $checks;
    $checks[] = [$what, $held];
    printf("    %s %s\n", $held ? '[ok]  ' : '[FAIL]', $what);
}

function heading(string $text): void
{
    printf("\n\033[1m== %s\033[0m\n", $text);
}

/** @var array<int,string> service id => label */
$labels = [];

function call(string $label, int $serviceId, string $function): string
{
    $started = microtime(true);
    $result = ModuleRunner::callModule($serviceId, $function);
    $row = Fixtures::serviceRow($serviceId);
    printf("    %s(%s) -> %s  (%.0f ms)   tblhosting #%d: status %s, dedicatedip %s\n", $function, $label,
        $result === 'success' ? 'success' : "ERROR: {$result}", (microtime(true) - $started) * 1000,
        $serviceId, $row['domainstatus'], $row['dedicatedip'] === '' ? '(none)' : $row['dedicatedip']);
    return $result;
}

function prefixOf(EmulatorControl $control, array $state, int $serviceId): ?string
{
    return $control->ownedRow($state, '/ip/firewall/nat', $serviceId, 'srcnat')['src-address'] ?? null;
}

function host(string $prefix, int $offset): string
{
    return long2ip(ip2long(explode('/', $prefix)[0]) + $offset);
}

/** @var array<string,string> tenant label => interface its traffic enters by (its VPN session's) */
$ingress = [];

/** Router table and traces for the live tenants. */
function show(EmulatorControl $control, array $labels): array
{
    global $ingress;
    $state = $control->state();
    echo "  router objects:\n" . RouterReport::table($state, array_map('strval', $labels));
    $prefixes = [];
    foreach ($labels as $id => $label) {
        if (($prefix = prefixOf($control, $state, $id)) !== null) {
            $prefixes[$label] = $prefix;
        }
    }
    if ($prefixes !== []) {
        echo "  packet traces (first packet of a new connection, tcp):\n";
    }
    foreach ($prefixes as $label => $prefix) {
        $src = host($prefix, 2);
        $in = $ingress[$label] ?? INSIDE;
        if (!in_array($in, array_column($state['/interface'] ?? [], 'name'), true)) {
            printf("    %-3s no VPN session up (%s is gone), so no traffic of %s enters the router\n", $label, $in, $label);
            continue;
        }
        printf("    %-3s %-15s -> internet %-12s : %s\n", $label, $src, INTERNET,
            RouterReport::verdict($control->trace($src, INTERNET, 'tcp', 443, $in), $state));
        foreach ($prefixes as $other => $otherPrefix) {
            if ($other !== $label) {
                $dst = host($otherPrefix, 2);
                printf("    %-3s %-15s -> %-3s %-18s : %s\n", $label, $src, $other, $dst,
                    RouterReport::verdict($control->trace($src, $dst, 'tcp', 445, $in), $state));
            }
        }
    }
    return $state;
}

$demoStarted = microtime(true);
heading('Set-up: a router (WHMCS server row), a vpn-nat product, pools linked through the REST API');
$serverId = Fixtures::server('routerbridge', env('RB_DEMO_ROUTER_PASSWORD'), ['name' => 'edge-1 (emulator)',
    'ipaddress' => '127.0.0.1', 'hostname' => '', 'port' => (int) env('RB_DEMO_ROUTER_PORT'), 'username' => 'admin']);
$productId = Fixtures::product('routerbridge', ['vpn-nat', 'ether1', '10M/10M', 'default', 'l2tp', '5', '29', '10',
    '1024-65535', 'disconnect', '0'], ['name' => 'Tenant VPN/NAT']);
$ids = $api->linkVpnNatPools($productId, '203.0.113.0/24', '10.64.0.0/16', 29);
printf("    server #%d -> 127.0.0.1:%s; product #%d (vpn-nat, WAN ether1, /29 private subnets)\n", $serverId,
    env('RB_DEMO_ROUTER_PORT'), $productId);
printf("    POST /api/v1/subnets 203.0.113.0/24 + 10.64.0.0/16, /pools (address pool #%d, prefix pool #%d of /29s),\n"
    . "    /configurations #%d with relations product #%d -> both pools\n", $ids['publicPoolId'], $ids['privatePoolId'],
    $ids['configurationId'], $productId);
$test = ModuleRunner::testConnection($serverId);
printf("    TestConnection -> %s\n", ($test['success'] ?? false) ? 'success' : 'ERROR: ' . ($test['error'] ?? json_encode($test)));

$a = Fixtures::service(Fixtures::client(['firstname' => 'Alice', 'email' => 'alice@example.test']), $productId, $serverId, ['domain' => 'alice.example.test']);
$b = Fixtures::service(Fixtures::client(['firstname' => 'Bob', 'email' => 'bob@example.test']), $productId, $serverId, ['domain' => 'bob.example.test']);
$labels = [$a => 'A', $b => 'B'];

heading('1. CreateAccount for tenant A, then tenant B');
check('Create A succeeds', call('A', $a, 'CreateAccount') === 'success');
check('Create B succeeds', call('B', $b, 'CreateAccount') === 'success');
$ipA = Fixtures::serviceRow($a)['dedicatedip'];
$state = show($control, $labels);
$prefixA = prefixOf($control, $state, $a);
$prefixB = prefixOf($control, $state, $b);
check('A and B hold different public IPs and private prefixes',
    $ipA !== Fixtures::serviceRow($b)['dedicatedip'] && $prefixA !== null && $prefixB !== null && $prefixA !== $prefixB);
check('A cannot reach B', $control->trace(host($prefixA, 2), host($prefixB, 3), 'tcp', 445, INSIDE)['verdict'] === 'drop');
check("A's traffic leaves as {$ipA}", $control->trace(host($prefixA, 2), INTERNET, 'tcp', 443, INSIDE)['finalSrcAddress'] === $ipA);

heading('2. Each tenant adds a VPN user (REST: POST /api/v1/services/{id}/vpn-users) and dials in (emulator control port)');
foreach ([[$a, 'A', 'alice-laptop'], [$b, 'B', 'bob-phone']] as [$id, $label, $user]) {
    $api->post("/services/{$id}/vpn-users", ['name' => $user, 'password' => 'pw-' . bin2hex(random_bytes(5))]);
    $session = $control->connectPpp($user, 'l2tp');
    $ingress[$label] = "<l2tp-{$user}>";
    printf("    %s: VPN user %s dialled in, address %s, interface %s\n", $label, $user, $session['address'], $ingress[$label]);
}
$state = show($control, $labels);
check('A cannot reach B\'s VPN user', $control->trace(host($prefixA, 2), host($prefixB, 2), 'tcp', 445, $ingress['A'])['verdict'] === 'drop');

heading('2b. The same CreateAccount for A again (WHMCS retries): nothing changes');
$before = $control->state();
call('A', $a, 'CreateAccount');
$after = $control->state();
$ours = static fn (array $s) => array_map(static fn ($m) => $s[$m] ?? [], EmulatorControl::PROVISIONED_MENUS);
check('router objects identical (same .ids, same values)', $ours($before) === $ours($after));
check('same IP', Fixtures::serviceRow($a)['dedicatedip'] === $ipA);

heading('3. Traffic: connections of A and B tracked by the router');
$control->addConnection(['protocol' => 'tcp', 'src-address' => host($prefixA, 2) . ':40001', 'dst-address' => INTERNET . ':443']);
$control->addConnection(['protocol' => 'tcp', 'src-address' => host($prefixB, 2) . ':40002', 'dst-address' => INTERNET . ':443']);
echo RouterReport::table(['/ip/firewall/connection' => $control->connections()]);

heading('4. SuspendAccount for A (overdue)');
check('Suspend A succeeds', call('A', $a, 'SuspendAccount') === 'success');
$state = show($control, $labels);
$fromA = array_filter($state['/ip/firewall/connection'] ?? [], static fn ($c) => str_starts_with($c['src-address'], host($prefixA, 2) . ':'));
check("A's connections dropped", $fromA === []);
check("B's connection untouched", count($state['/ip/firewall/connection'] ?? []) === 1);
check("A's VPN session kicked, B's still up", array_column($state['/ppp/active'] ?? [], 'name') === ['bob-phone']);
try {
    $control->connectPpp('alice-laptop', 'l2tp');
    check('alice-laptop cannot dial in while suspended', false);
} catch (RuntimeException $refused) {
    check('alice-laptop cannot dial in while suspended', str_contains($refused->getMessage(), '409'));
}

heading('5. UnsuspendAccount for A (paid)');
check('Unsuspend A succeeds', call('A', $a, 'UnsuspendAccount') === 'success');
check('alice-laptop dials in again', $control->connectPpp('alice-laptop', 'l2tp')['name'] === 'alice-laptop');
show($control, $labels);
check('A is back with the same IP', Fixtures::serviceRow($a)['dedicatedip'] === $ipA);

heading('6. TerminateAccount for A');
check('Terminate A succeeds', call('A', $a, 'TerminateAccount') === 'success');
$state = show($control, $labels);
check('no router object of A left, no session of A', $control->ownedBy($a, $state) === []
    && array_column($state['/ppp/active'] ?? [], 'name') === ['bob-phone']);
unset($ingress['A']);

heading('7. CreateAccount for a new tenant C: it gets the IP A freed');
$c = Fixtures::service(Fixtures::client(['firstname' => 'Carol', 'email' => 'carol@example.test']), $productId, $serverId, ['domain' => 'carol.example.test']);
$labels[$c] = 'C';
check('Create C succeeds', call('C', $c, 'CreateAccount') === 'success');
show($control, $labels);
check("C reuses A's IP {$ipA}", Fixtures::serviceRow($c)['dedicatedip'] === $ipA);

heading('8. The router refuses logins (fault injected); CreateAccount for D');
$d = Fixtures::service(Fixtures::client(['firstname' => 'Dan', 'email' => 'dan@example.test']), $productId, $serverId, ['domain' => 'dan.example.test']);
$labels[$d] = 'D';
$control->faults(['refuseLogins' => true]);
$control->reboot(0); // drops the service's open API session, so it has to log in again
$result = call('D', $d, 'CreateAccount');
check('Create D is refused with a clear error, not success', $result !== 'success' && trim($result) !== '');
check('D stays Pending and nothing of D is on the router', Fixtures::serviceRow($d)['domainstatus'] === 'Pending' && $control->ownedBy($d) === []);
$heldIp = Fixtures::serviceRow($d)['dedicatedip'];
$control->clearFaults();
echo "    router healthy again; WHMCS retries:\n";
check('retried Create D succeeds', call('D', $d, 'CreateAccount') === 'success');
check("D keeps the IP it was given ({$heldIp})", Fixtures::serviceRow($d)['dedicatedip'] === $heldIp);

$failed = count(array_filter($checks, static fn ($c) => !$c[1]));
heading(sprintf('%d checks, %d failed; lifecycle took %.1f s', count($checks), $failed, microtime(true) - $demoStarted));
exit($failed === 0 ? 0 : 1);
