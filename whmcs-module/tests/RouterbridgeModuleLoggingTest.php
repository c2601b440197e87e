<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\Whmcs;

/** What the routerbridge module leaves in WHMCS's module log, with every password masked. */
final class RouterbridgeModuleLoggingTest extends WhmcsTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        $this->useDatabase();
    }

    public function testPasswordsAndSecretAreMaskedInTheModuleLog(): void
    {
        $secret = 'channel-secret-' . bin2hex(random_bytes(12));
        $url = self::deadServiceUrl();
        self::pointServiceAt($url, $secret);
        $service = Fixtures::service(Fixtures::client(), Fixtures::product(), Fixtures::server('routerbridge', 'Router-Pw-77', ['accesshash' => 'hash-token-55']),
            ['username' => 'tenant', 'password' => 'Tenant-Pw-66']);

        $result = ModuleRunner::callModule($service, 'CreateAccount');

        self::assertStringStartsWith("routerbridge service unreachable at {$url}", $result);
        $entry = Whmcs::$moduleLog[0];
        self::assertSame(['routerbridge', 'CreateAccount'], [$entry['module'], $entry['action']]);
        foreach (['Router-Pw-77', 'Tenant-Pw-66', 'hash-token-55', $secret] as $value) {
            self::assertContains($value, $entry['replaceVars']);
        }
        self::assertSame('Tenant-Pw-66', $entry['request']['password'], 'the module logs the real request; WHMCS masks it');
        self::assertArrayNotHasKey('model', $entry['request']);
        self::assertArrayNotHasKey('model', $entry['request']['clientsdetails']);

        $rows = Whmcs::pdo()->query('SELECT * FROM tblmodulelog')->fetchAll(\PDO::FETCH_ASSOC);
        self::assertCount(1, $rows);
        self::assertSame(['routerbridge', 'createaccount'], [$rows[0]['module'], $rows[0]['action']]);
        $stored = $rows[0]['request'] . $rows[0]['response'] . $rows[0]['arrdata'];
        foreach (['Router-Pw-77', 'Tenant-Pw-66', 'hash-token-55', $secret] as $value) {
            self::assertStringNotContainsString($value, $stored);
        }
        self::assertStringContainsString(str_repeat('*', strlen('Router-Pw-77')), $rows[0]['request']);
        self::assertStringContainsString('[serverip] => 127.0.0.1', $rows[0]['request']);
        self::assertSame('Pending', Fixtures::serviceRow($service)['domainstatus']);
    }
}
