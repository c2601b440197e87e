<?php

namespace RouterBridge\Tests\Harness;

/** Compact text views of the emulator's state and of packet traces, for the demo. */
final class RouterReport
{
    /**
     * One line per object we own (comment "rb:..."), grouped by menu, plus PPP sessions and tracked
     * connections; $names maps service ids to labels ("A", "B").
     */
    public static function table(array $state, array $names = []): string
    {
        $lines = [];
        foreach (EmulatorControl::PROVISIONED_MENUS as $menu) {
            foreach ($state[$menu] ?? [] as $row) {
                $owner = EmulatorControl::ownerOf($row);
                if ($owner === null) {
                    continue;
                }
                $lines[] = [$menu, $names[$owner] ?? $owner, self::describe($menu, $row), (string) ($row['comment'] ?? '')];
            }
        }
        foreach ($state['/ppp/active'] ?? [] as $row) {
            $lines[] = ['/ppp/active', '', "{$row['name']} ({$row['service']}) from " . ($row['address'] ?? '-'), 'session'];
        }
        foreach ($state['/ip/firewall/connection'] ?? [] as $row) {
            $lines[] = ['/ip/firewall/connection', '', "{$row['protocol']} {$row['src-address']} -> {$row['dst-address']}", 'tracked'];
        }
        if ($lines === []) {
            return "    (no routerbridge object on the router)\n";
        }
        $header = ['menu', 'tenant', 'object'];
        $widths = array_map('strlen', $header);
        foreach ($lines as $line) {
            for ($i = 0; $i < 3; $i++) {
                $widths[$i] = max($widths[$i], strlen($line[$i]));
            }
        }
        $out = sprintf("    %-{$widths[0]}s  %-{$widths[1]}s  %-{$widths[2]}s  %s\n", ...[...$header, 'marker (comment)']);
        foreach ($lines as $line) {
            $out .= sprintf("    %-{$widths[0]}s  %-{$widths[1]}s  %-{$widths[2]}s  %s\n", ...$line);
        }
        return $out;
    }

    public static function describe(string $menu, array $row): string
    {
        $disabled = ($row['disabled'] ?? 'false') === 'true' ? ' [DISABLED]' : '';
        return match ($menu) {
            '/ip/address' => "{$row['address']} on {$row['interface']}{$disabled}",
            '/ip/firewall/nat' => $row['chain'] === 'srcnat'
                ? "srcnat {$row['src-address']} -> {$row['to-addresses']} out {$row['out-interface']}{$disabled}"
                : "dstnat {$row['protocol']} {$row['dst-address']}:{$row['dst-port']} -> {$row['to-addresses']}:{$row['to-ports']}{$disabled}",
            '/ip/firewall/filter' => "{$row['chain']} {$row['action']} " . ($row['src-address'] ?? 'any')
                . ' -> ' . ($row['dst-address'] ?? ($row['dst-address-list'] ?? 'any')) . $disabled,
            '/ip/firewall/address-list' => "{$row['list']}: {$row['address']}{$disabled}",
            '/ppp/secret' => "{$row['name']} service {$row['service']} profile {$row['profile']} remote "
                . ($row['remote-address'] ?? '-') . $disabled,
            '/queue/simple' => "{$row['name']} target {$row['target']} max {$row['max-limit']}{$disabled}",
            default => json_encode($row),
        };
    }

    /** "accept, leaves ether1 as 100.11.0.1" / "drop by rule *5 (rb:1:isolate)". */
    public static function verdict(array $trace, array $state): string
    {
        $text = strtoupper($trace['verdict']);
        if ($trace['verdict'] === 'accept' && ($trace['outInterface'] ?? null) !== null) {
            $text .= ", leaves {$trace['outInterface']} as {$trace['finalSrcAddress']}";
        }
        $last = end($trace['matchedRuleIds']);
        if ($trace['verdict'] !== 'accept' && $last !== false) {
            foreach ($state['/ip/firewall/filter'] ?? [] as $rule) {
                if ($rule['.id'] === $last) {
                    $text .= " by filter rule {$last} (" . ($rule['comment'] ?? 'no comment') . ')';
                }
            }
        }
        return $text;
    }
}
