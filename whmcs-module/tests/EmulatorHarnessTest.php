<?php

namespace RouterBridge\Tests;

use PHPUnit\Framework\TestCase;
use RouterBridge\Tests\Harness\EmulatorProcess;

/** The emulator as a process: control port, tracer, fault switch, and stop/launch on the same ports. */
final class EmulatorHarnessTest extends TestCase
{
    public function testControlPortShowsTheRouterAndTracesByItsRules(): void
    {
        $emulator = self::emulator();
        $control = $emulator->control;

        $state = $control->state();
        self::assertContains('ether1', array_column($state['/interface'], 'name'));
        self::assertSame([], $control->ownedBy(1, $state));

        $toInternet = $control->trace('10.64.0.2', '192.0.2.10', 'tcp', 443, 'ether2');
        self::assertSame('accept', $toInternet['verdict']);
        self::assertSame('ether1', $toInternet['outInterface']);
        self::assertSame('10.64.0.2', $toInternet['finalSrcAddress'], 'no NAT rule yet, so no translation');

        $connection = $control->addConnection(['protocol' => 'tcp', 'src-address' => '10.64.0.2:40000', 'dst-address' => '192.0.2.10:443']);
        self::assertSame('10.64.0.2:40000', $connection['src-address']);
        self::assertCount(1, $control->connections());
        $control->reset();
        self::assertSame([], $control->connections());
    }

    public function testStoppedEmulatorRefusesConnectionsAndComesBackOnTheSamePorts(): void
    {
        $emulator = self::emulator();
        $firstPid = $emulator->pid();
        $emulator->stop();
        self::assertFalse($emulator->isRunning());
        self::assertFalse(@fsockopen('127.0.0.1', $emulator->apiPort, $errno, $errstr, 1), 'API port closed while stopped');

        $emulator->launch();
        self::assertTrue($emulator->isRunning());
        self::assertNotSame($firstPid, $emulator->pid());
        $socket = fsockopen('127.0.0.1', $emulator->apiPort, $errno, $errstr, 2);
        self::assertIsResource($socket);
        fclose($socket);
        self::assertArrayHasKey('/ip/address', $emulator->control->state());
    }

    public function testFaultsAreSetAndCleared(): void
    {
        $control = self::emulator()->control;
        self::assertTrue($control->faults(['refuseLogins' => true])['refuseLogins']);
        self::assertFalse($control->clearFaults()['refuseLogins']);
    }

    private static ?EmulatorProcess $emulator = null;

    private static function emulator(): EmulatorProcess
    {
        return self::$emulator ??= EmulatorProcess::start('secret-pass');
    }

    public static function tearDownAfterClass(): void
    {
        self::$emulator?->stop();
        self::$emulator = null;
    }
}
