<?php

namespace RouterBridge\Tests\Harness;

/** The emulator's control port (routeros-emulator control/ControlServer.java): state, sessions, faults, tracer, stats. */
final class EmulatorControl
{
    /** The menus our provisioning writes, in the order the demo prints them. */
    public const PROVISIONED_MENUS = ['/ip/address', '/ip/firewall/nat', '/ip/firewall/filter', '/ip/firewall/address-list',
        '/ppp/secret', '/queue/simple'];

    public function __construct(public readonly string $url)
    {
    }

    public function reset(): void
    {
        JsonHttp::expectOk('POST', $this->url . '/reset', []);
    }

    /** @return array<string, list<array<string,string>>> every menu's rows, keyed by menu path */
    public function state(): array
    {
        return JsonHttp::expectOk('GET', $this->url . '/state');
    }

    /**
     * The rows carrying service $serviceId's ownership marker (comment "rb:<id>:<role>[:key]"), per menu;
     * menus without such rows are left out.
     *
     * @return array<string, list<array<string,string>>>
     */
    public function ownedBy(int|string $serviceId, ?array $state = null): array
    {
        $owned = [];
        foreach ($state ?? $this->state() as $menu => $rows) {
            foreach ($rows as $row) {
                if (self::ownerOf($row) === (string) $serviceId) {
                    $owned[$menu][] = $row;
                }
            }
        }
        return $owned;
    }

    /** The row of $serviceId with marker role $role in $menu, or null. */
    public function ownedRow(array $state, string $menu, int|string $serviceId, string $role): ?array
    {
        foreach ($state[$menu] ?? [] as $row) {
            $comment = (string) ($row['comment'] ?? '');
            if (preg_match('/^rb:' . preg_quote((string) $serviceId, '/') . ':' . preg_quote($role, '/') . '(?::|\s|$)/', $comment)) {
                return $row;
            }
        }
        return null;
    }

    public static function ownerOf(array $row): ?string
    {
        return preg_match('/^rb:([A-Za-z0-9_-]+):/', (string) ($row['comment'] ?? ''), $m) ? $m[1] : null;
    }

    /** A PPP client "connects" as secret $name; returns the /ppp/active row. */
    public function connectPpp(string $name, ?string $service = null, ?string $address = null): array
    {
        $body = ['name' => $name];
        if ($service !== null) {
            $body['service'] = $service;
        }
        if ($address !== null) {
            $body['address'] = $address;
        }
        return JsonHttp::expectOk('POST', $this->url . '/ppp/active', $body);
    }

    /** @return list<array<string,string>> (read from /state: the control port serves only POST on /ppp/active) */
    public function pppActive(): array
    {
        return $this->state()['/ppp/active'] ?? [];
    }

    /** Adds a connection-tracking entry (fields as /ip/firewall/connection shows them); returns its row. */
    public function addConnection(array $fields): array
    {
        return JsonHttp::expectOk('POST', $this->url . '/connections', $fields);
    }

    /** @return list<array<string,string>> (read from /state: the control port serves only POST on /connections) */
    public function connections(): array
    {
        return $this->state()['/ip/firewall/connection'] ?? [];
    }

    /** Sets faults: latencyMs, dropAfterSentences, stall, refuseLogins, closeNewConnections, failCommands. */
    public function faults(array $faults): array
    {
        return JsonHttp::expectOk('POST', $this->url . '/faults', $faults);
    }

    public function clearFaults(): array
    {
        return JsonHttp::expectOk('POST', $this->url . '/faults/clear', []);
    }

    /** Closes every API session and the API port for $downtimeMs; persistent configuration survives, sessions do not. */
    public function reboot(int $downtimeMs = 0): void
    {
        JsonHttp::expectOk('POST', $this->url . '/reboot', ['downtimeMs' => $downtimeMs]);
    }

    /**
     * Traces the first packet of a new connection through dstnat, routing, filter and srcnat.
     *
     * @return array{verdict:string, finalSrcAddress:string, finalDstAddress:string, outInterface:?string,
     *               chain:string, steps:list<string>, matchedRuleIds:list<string>}
     */
    public function trace(string $src, string $dst, string $protocol = 'tcp', ?int $dstPort = 443,
                          ?string $inInterface = null, ?int $srcPort = 40000): array
    {
        $packet = ['src' => $src, 'dst' => $dst, 'protocol' => $protocol];
        foreach (['dstPort' => $dstPort, 'srcPort' => $srcPort, 'inInterface' => $inInterface] as $field => $value) {
            if ($value !== null) {
                $packet[$field] = $value;
            }
        }
        return JsonHttp::expectOk('POST', $this->url . '/trace', $packet);
    }

    /** @return array{total: array{sentences:int, commands:int, roundTrips:int}, connections: list<array>} */
    public function stats(): array
    {
        return JsonHttp::expectOk('GET', $this->url . '/stats');
    }

    public function resetStats(): void
    {
        JsonHttp::expectOk('POST', $this->url . '/stats/reset', []);
    }
}
