<?php

namespace RouterBridge\Tests\Harness;

/** Runs clean-up steps once at the end of the PHPUnit process, newest first (service before database). */
final class TestEnvironment
{
    /** @var list<callable> */
    private static array $cleanups = [];
    private static bool $registered = false;

    public static function onShutdown(callable $cleanup): void
    {
        array_unshift(self::$cleanups, $cleanup);
        if (!self::$registered) {
            self::$registered = true;
            register_shutdown_function([self::class, 'cleanUp']);
        }
    }

    public static function cleanUp(): void
    {
        while (($cleanup = array_shift(self::$cleanups)) !== null) {
            try {
                $cleanup();
            } catch (\Throwable $e) {
                fwrite(STDERR, 'clean-up failed: ' . $e->getMessage() . "\n");
            }
        }
    }
}
