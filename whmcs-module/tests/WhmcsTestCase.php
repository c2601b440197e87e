<?php

namespace RouterBridge\Tests;

use PHPUnit\Framework\TestCase;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\TestDatabase;
use RouterBridge\Tests\Harness\Whmcs;

/**
 * Fresh WHMCS state per test: no hooks, no recordings, no ROUTERBRIDGE_* environment, and (for
 * tests that call useDatabase()) empty WHMCS tables.
 */
abstract class WhmcsTestCase extends TestCase
{
    private const ENV = ['ROUTERBRIDGE_URL', 'ROUTERBRIDGE_SECRET'];
    private array $savedEnv = [];

    protected function setUp(): void
    {
        Whmcs::reset();
        ModuleRunner::$lastParams = null;
        \WHMCS\Authentication\CurrentUser::$loggedInClient = null;
        foreach (self::ENV as $name) {
            $this->savedEnv[$name] = getenv($name);
            putenv($name);
        }
    }

    protected function tearDown(): void
    {
        foreach ($this->savedEnv as $name => $value) {
            putenv($value === false ? $name : "{$name}={$value}");
        }
    }

    /** Connects the harness to the test database with every WHMCS table empty. */
    protected function useDatabase(): TestDatabase
    {
        if (!TestDatabase::isConfigured()) {
            $this->markTestSkipped('needs MariaDB: set RB_TEST_DB_HOST/PORT/USER/PASSWORD (scripts/test.sh does)');
        }
        $database = TestDatabase::get();
        $database->truncateWhmcsTables();
        return $database;
    }

    protected static function pointServiceAt(string $url, string $secret): void
    {
        putenv("ROUTERBRIDGE_URL={$url}");
        putenv("ROUTERBRIDGE_SECRET={$secret}");
    }

    /** A loopback URL where nothing listens. */
    protected static function deadServiceUrl(): string
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($socket, false);
        fclose($socket);
        return 'http://' . $name;
    }
}
