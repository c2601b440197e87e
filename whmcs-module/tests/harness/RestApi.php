<?php

namespace RouterBridge\Tests\Harness;

/**
 * The service's REST API (/api/v1) as an operator's script uses it: a key minted with the jar's
 * create-api-key command against the same database, then subnets, pools and configurations.
 */
final class RestApi
{
    private function __construct(public readonly string $baseUrl, private readonly string $key)
    {
    }

    /** Mints a key for the service's database and returns a client of $serviceUrl. */
    public static function connect(string $serviceUrl, TestDatabase $database, string $keyName = 'harness'): self
    {
        $env = array_merge(getenv(), [
            'RB_DB_URL' => $database->jdbcUrl(),
            'RB_DB_USER' => $database->user,
            'RB_DB_PASSWORD' => $database->password,
        ]);
        $process = proc_open(['java', '-Xmx128m', '-XX:TieredStopAtLevel=1', '-jar', ServiceProcess::jarPath(),
            'create-api-key', '--name', $keyName . '-' . bin2hex(random_bytes(3))],
            [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        $exit = proc_close($process);
        $lines = array_values(array_filter(array_map('trim', explode("\n", (string) $out))));
        if ($exit !== 0 || $lines === []) {
            throw new \RuntimeException("create-api-key failed ({$exit}): {$out}{$err}");
        }
        return new self(rtrim($serviceUrl, '/') . '/api/v1', end($lines));
    }

    /** A client of the service at $serviceUrl with an existing key (e.g. printed by create-api-key). */
    public static function withKey(string $serviceUrl, string $key): self
    {
        return new self(rtrim($serviceUrl, '/') . '/api/v1', $key);
    }

    public function get(string $path): mixed
    {
        return JsonHttp::expectOk('GET', $this->baseUrl . $path, null, $this->auth());
    }

    public function post(string $path, array $body): array
    {
        return JsonHttp::expectOk('POST', $this->baseUrl . $path, $body, $this->auth());
    }

    /** @return array{0:int,1:mixed} */
    public function raw(string $method, string $path, ?array $body = null): array
    {
        return JsonHttp::request($method, $this->baseUrl . $path, $body, $this->auth());
    }

    public function subnet(string $cidr, array $extra = []): array
    {
        return $this->post('/subnets', ['cidr' => $cidr] + $extra);
    }

    /** An address pool (single IPs) over the whole subnet unless $extra['range'] narrows it. */
    public function addressPool(string $name, int $subnetId, array $extra = []): array
    {
        return $this->post('/pools', ['name' => $name, 'subnetId' => $subnetId, 'kind' => 'address'] + $extra);
    }

    /** A prefix pool handing out /$prefixLength blocks of the subnet (tenants' private subnets). */
    public function prefixPool(string $name, int $subnetId, int $prefixLength, array $extra = []): array
    {
        return $this->post('/pools', ['name' => $name, 'subnetId' => $subnetId, 'kind' => 'prefix',
            'prefixLength' => $prefixLength] + $extra);
    }

    public function configuration(string $name, array $extra = []): array
    {
        return $this->post('/configurations', ['name' => $name] + $extra);
    }

    /** Links $poolId to a WHMCS object: $type product|server|addon|configoption, $targetId its id. */
    public function relation(int $configurationId, string $type, int $targetId, int $poolId): array
    {
        return $this->post("/configurations/{$configurationId}/relations",
            ['type' => $type, 'targetId' => $targetId, 'poolId' => $poolId]);
    }

    /**
     * The vpn-nat set-up for one product: a public /24 address pool and a private supernet prefix
     * pool, both linked to the product through one configuration. Returns the ids.
     *
     * @return array{configurationId:int, publicPoolId:int, privatePoolId:int}
     */
    public function linkVpnNatPools(int $productId, string $publicCidr = '203.0.113.0/24',
                                    string $privateSupernet = '10.64.0.0/16', int $privatePrefixLength = 29,
                                    array $publicSubnetExtra = []): array
    {
        $public = $this->subnet($publicCidr, $publicSubnetExtra + ['description' => 'tenant public IPs']);
        $publicPool = $this->addressPool('public-' . $productId, (int) $public['id']);
        $private = $this->subnet($privateSupernet, ['description' => 'tenant private prefixes',
            'reserveNetwork' => false, 'reserveGateway' => false, 'reserveBroadcast' => false]);
        $privatePool = $this->prefixPool('private-' . $productId, (int) $private['id'], $privatePrefixLength);
        $configuration = $this->configuration('vpn-nat product ' . $productId);
        $this->relation((int) $configuration['id'], 'product', $productId, (int) $publicPool['id']);
        $this->relation((int) $configuration['id'], 'product', $productId, (int) $privatePool['id']);
        return ['configurationId' => (int) $configuration['id'], 'publicPoolId' => (int) $publicPool['id'],
            'privatePoolId' => (int) $privatePool['id']];
    }

    private function auth(): array
    {
        return ['Authorization: Bearer ' . $this->key];
    }
}
