<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\Whmcs;

/** WHMCS's global functions as the harness provides them. */
final class HarnessFunctionsTest extends WhmcsTestCase
{
    public function testRunHookOrdersByPriorityAndKeepsTruthyResults(): void
    {
        $order = [];
        add_hook('Example', 10, function ($vars) use (&$order) {
            $order[] = 'ten';
            return ['from' => 10];
        });
        add_hook('Example', -1, function ($vars) use (&$order) {
            $order[] = 'minus-one';
            return false;
        });
        add_hook('Example', 10, function ($vars) use (&$order) {
            $order[] = 'ten-again';
            return 'text';
        });
        self::assertSame([['from' => 10], 'text'], run_hook('Example', ['x' => 1]));
        self::assertSame(['minus-one', 'ten', 'ten-again'], $order);
        self::assertSame([], run_hook('Nobody', []));
    }

    public function testRunHookCanUnpackArguments(): void
    {
        add_hook('Unpacked', 1, fn ($first, $second) => [$first, $second]);
        self::assertSame([['a', 'b']], run_hook('Unpacked', ['one' => 'a', 'two' => 'b'], true));
    }

    public function testLocalApiIsRecorded(): void
    {
        self::assertSame(['result' => 'success'], localAPI('SendAdminEmail', ['customsubject' => 'Pool full', 'custommessage' => 'm', 'type' => 'system']));
        self::assertSame('error', localAPI('GetClientsProducts', ['serviceid' => 1])['result']);
        Whmcs::$localApiResponses['GetClientsProducts'] = fn ($values) => ['result' => 'success', 'totalresults' => $values['serviceid']];
        self::assertSame(['result' => 'success', 'totalresults' => 3], localAPI('GetClientsProducts', ['serviceid' => 3]));

        $emails = Whmcs::localApiCallsOf('SendAdminEmail');
        self::assertCount(1, $emails);
        self::assertSame('Pool full', $emails[0]['values']['customsubject']);
        self::assertCount(3, Whmcs::$localApiCalls);
    }

    public function testLogModuleCallMasksEveryGivenValue(): void
    {
        logModuleCall('RouterBridge', 'Demo', ['password' => 'hunter2', 'nested' => ['k' => 'tok3n']], 'echo hunter2', 'ok', ['hunter2', 'tok3n', '']);
        $logged = Whmcs::$moduleLog[0]['logged'];
        self::assertStringContainsString('[password] => *******', $logged['request']);
        self::assertStringContainsString('[k] => *****', $logged['request']);
        self::assertSame('echo *******', $logged['response']);
        self::assertSame('ok', $logged['data']);
    }
}
