<?php

namespace RouterBridge\Tests;

require_once ROOTDIR . '/modules/servers/routerbridge/lib/ServiceClient.php';

use RouterBridge\ServiceClient;
use RouterBridge\ServiceResponse;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ServiceProcess;

/**
 * The shared secret's rotation of docs/service.md, with the module reading the secret from the addon settings
 * at each call: the service accepts the old and the new secret while the setting is switched, then only the new.
 */
final class SharedSecretRotationTest extends WhmcsTestCase
{
    private const PATH = '/whmcs/v1/client/7/ips';

    public function testTheAddonSettingSwitchesWhileTheServiceAcceptsBothThenOnlyTheNew(): void
    {
        $this->useDatabase();
        $old = bin2hex(random_bytes(20));
        $new = bin2hex(random_bytes(20));

        $both = ServiceProcess::startWith(['RB_SHARED_SECRET' => $new, 'RB_SHARED_SECRET_PREVIOUS' => $old]);
        try {
            $this->assertAccepted($this->callWithAddonSecret($both->url, $old), 'old secret, service with new + previous');
            $this->assertAccepted($this->callWithAddonSecret($both->url, $new), 'new secret, service with new + previous');
        } finally {
            $both->stop();
        }

        $newOnly = ServiceProcess::startWith(['RB_SHARED_SECRET' => $new]);
        try {
            $this->assertAccepted($this->callWithAddonSecret($newOnly->url, $new), 'new secret, service with new only');
            $refused = $this->callWithAddonSecret($newOnly->url, $old);
            self::assertSame(401, $refused->status, $refused->body);
            self::assertStringContainsString('signature does not match', $refused->json['error'] ?? '');
        } finally {
            $newOnly->stop();
        }
    }

    /** What the module does at each call: read the addon settings, sign with their secret, send. */
    private function callWithAddonSecret(string $url, string $secret): ServiceResponse
    {
        Fixtures::addonSettings(['version' => '0.1.0', 'service_url' => $url, 'shared_secret' => $secret]);
        return ServiceClient::fromSettings()->get(self::PATH);
    }

    private function assertAccepted(ServiceResponse $response, string $case): void
    {
        self::assertSame(200, $response->status, "{$case}: {$response->body}");
        self::assertSame('success', $response->json['result'] ?? null, $case);
    }
}
