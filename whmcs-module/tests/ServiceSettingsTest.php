<?php

namespace RouterBridge\Tests;

require_once ROOTDIR . '/modules/servers/routerbridge/lib/ServiceClient.php';

use RouterBridge\NotConfigured;
use RouterBridge\ServiceSettings;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;

/** Service URL and secret: the addon's settings in tbladdonmodules, overridden by the environment. */
final class ServiceSettingsTest extends WhmcsTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        $this->useDatabase();
        Fixtures::addonSettings(['version' => '0.1.0', 'service_url' => 'http://10.9.9.9:8080/', 'shared_secret' => 'from-addon-settings']);
        Fixtures::addonSettings(['service_url' => 'http://wrong-module', 'shared_secret' => 'wrong'], 'othermodule');
    }

    public function testAddonSettingsAreUsed(): void
    {
        $settings = ServiceSettings::load();
        self::assertSame('http://10.9.9.9:8080', $settings->url);
        self::assertSame('from-addon-settings', $settings->secret);
    }

    public function testEnvironmentOverridesBoth(): void
    {
        self::pointServiceAt('http://127.0.0.1:9', 'from-environment');
        $settings = ServiceSettings::load();
        self::assertSame('http://127.0.0.1:9', $settings->url);
        self::assertSame('from-environment', $settings->secret);
    }

    public function testEnvironmentOverridesEachSettingOnItsOwn(): void
    {
        putenv('ROUTERBRIDGE_URL=http://127.0.0.1:9');
        self::assertSame(['http://127.0.0.1:9', 'from-addon-settings'], [ServiceSettings::load()->url, ServiceSettings::load()->secret]);
        putenv('ROUTERBRIDGE_URL');
        putenv('ROUTERBRIDGE_SECRET=env-secret');
        self::assertSame(['http://10.9.9.9:8080', 'env-secret'], [ServiceSettings::load()->url, ServiceSettings::load()->secret]);
    }

    public function testMissingSettingsGiveAClearError(): void
    {
        Fixtures::addonSettings(['version' => '0.1.0']);
        try {
            ServiceSettings::load();
            self::fail('expected NotConfigured');
        } catch (NotConfigured $e) {
            self::assertStringContainsString('service URL is not configured', $e->getMessage());
        }
        $service = Fixtures::service(Fixtures::client(), Fixtures::product(), Fixtures::server());
        self::assertStringStartsWith('routerbridge service URL is not configured', ModuleRunner::callModule($service, 'CreateAccount'));
    }

    public function testTheModuleUsesTheOverriddenUrl(): void
    {
        $url = self::deadServiceUrl();
        putenv("ROUTERBRIDGE_URL={$url}");
        $service = Fixtures::service(Fixtures::client(), Fixtures::product(), Fixtures::server());
        self::assertStringStartsWith("routerbridge service unreachable at {$url}", ModuleRunner::callModule($service, 'CreateAccount'));
    }
}
