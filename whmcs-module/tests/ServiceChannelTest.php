<?php

namespace RouterBridge\Tests;

require_once ROOTDIR . '/modules/servers/routerbridge/lib/ServiceClient.php';

use RouterBridge\ServiceClient;
use RouterBridge\ServiceResponse;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\ServiceProcess;
use RouterBridge\Tests\Harness\Whmcs;

/**
 * The module and hooks against the real service (the jar, on the test database): the signed channel
 * of docs/whmcs-channel.md and honest errors back to WHMCS.
 */
final class ServiceChannelTest extends WhmcsTestCase
{
    private ServiceProcess $service;
    private int $serviceId;

    protected function setUp(): void
    {
        parent::setUp();
        $this->useDatabase();
        $this->service = ServiceProcess::get();
        $this->serviceId = Fixtures::service(Fixtures::client(), Fixtures::product('routerbridge', ['vpn-nat', 'ether1']),
            Fixtures::server('routerbridge', 'Router-Pw-1'), ['username' => 'tenant', 'password' => 'Tenant-Pw-2']);
    }

    private function signedPost(string $path, string $body, ?string $timestamp = null, ?string $nonce = null, ?string $secret = null, ?string $sendPath = null, ?string $sendBody = null): ServiceResponse
    {
        $headers = ServiceClient::signatureHeaders($secret ?? $this->service->secret, 'POST', $path, $body,
            $timestamp ?? (string) time(), $nonce ?? ServiceClient::newNonce());
        $headers['Content-Type'] = 'application/json';
        return ServiceClient::rawRequest($this->service->url, 'POST', $sendPath ?? $path, $sendBody ?? $body, $headers);
    }

    public function testAnUnknownModuleFunctionGetsTheServicesErrorVerbatim(): void
    {
        self::pointServiceAt($this->service->url, $this->service->secret);
        $direct = $this->signedPost('/whmcs/v1/module/NoSuchFunction', '{"serviceid":1}');
        self::assertFalse($direct->isSuccess());
        self::assertNotSame(401, $direct->status, 'a correctly signed request passes the signature check: ' . $direct->body);
        self::assertGreaterThanOrEqual(400, $direct->status);
        self::assertIsString($direct->json['error'] ?? null, $direct->body);

        ModuleRunner::load('routerbridge');
        $result = routerbridge_forward('NoSuchFunction', ['serviceid' => 1]);
        self::assertSame($direct->json['error'], $result);
    }

    public function testAWrongSecretFailsTheCreateHonestly(): void
    {
        self::pointServiceAt($this->service->url, 'not-the-secret-' . str_repeat('x', 30));
        $failed = [];
        add_hook('AfterModuleCreateFailed', 1, function ($vars) use (&$failed) {
            $failed[] = $vars['failureResponseMessage'];
        });

        $result = ModuleRunner::callModule($this->serviceId, 'CreateAccount');

        $refusal = $this->signedPost('/whmcs/v1/module/CreateAccount', '{}', null, null, 'not-the-secret-' . str_repeat('x', 30));
        self::assertSame(401, $refusal->status);
        self::assertNotSame('success', $result);
        self::assertSame($refusal->json['error'], $result, 'the service\'s error text, verbatim');
        self::assertSame([$result], $failed);
        self::assertSame('Pending', Fixtures::serviceRow($this->serviceId)['domainstatus']);
        $logged = Whmcs::pdo()->query('SELECT CONCAT(request, response, arrdata) FROM tblmodulelog')->fetchColumn();
        self::assertStringNotContainsString('not-the-secret-', $logged);
        self::assertStringNotContainsString('Tenant-Pw-2', $logged);
        self::assertStringNotContainsString('Router-Pw-1', $logged);
    }

    public function testTestConnectionWithAWrongSecretIsNotASuccess(): void
    {
        self::pointServiceAt($this->service->url, 'not-the-secret-' . str_repeat('y', 30));
        $server = (int) Fixtures::serviceRow($this->serviceId)['server'];
        $result = ModuleRunner::testConnection($server);
        self::assertFalse($result['success']);
        self::assertNotSame('', $result['error']);
    }

    public function testTamperedRequestsAreRefused(): void
    {
        $body = '{"serviceid":1,"domain":"a.example"}';
        $tamperedBody = $this->signedPost('/whmcs/v1/module/CreateAccount', $body, sendBody: '{"serviceid":2,"domain":"a.example"}');
        $tamperedPath = $this->signedPost('/whmcs/v1/module/CreateAccount', $body, sendPath: '/whmcs/v1/module/TerminateAccount');
        $otherSecret = $this->signedPost('/whmcs/v1/module/CreateAccount', $body, secret: $this->service->secret . 'x');
        foreach (['body' => $tamperedBody, 'path' => $tamperedPath, 'secret' => $otherSecret] as $what => $response) {
            self::assertSame(401, $response->status, "tampered {$what}: {$response->body}");
            self::assertNotSame('', (string) ($response->json['error'] ?? ''), $what);
        }
    }

    public function testReplayedNonceIsRefused(): void
    {
        $nonce = ServiceClient::newNonce();
        $timestamp = (string) time();
        $first = $this->signedPost('/whmcs/v1/module/NoSuchFunction', '{}', $timestamp, $nonce);
        $replay = $this->signedPost('/whmcs/v1/module/NoSuchFunction', '{}', $timestamp, $nonce);
        self::assertNotSame(401, $first->status, $first->body);
        self::assertSame(401, $replay->status, $replay->body);
    }

    public function testStaleOrFutureTimestampsAreRefused(): void
    {
        // 10 s of margin either side of the 300 s window: the two clocks tick their seconds apart.
        foreach ([-310, 310] as $offset) {
            $response = $this->signedPost('/whmcs/v1/module/NoSuchFunction', '{}', (string) (time() + $offset));
            self::assertSame(401, $response->status, "timestamp now{$offset}: {$response->body}");
        }
        foreach ([-290, 290] as $offset) {
            $response = $this->signedPost('/whmcs/v1/module/NoSuchFunction', '{}', (string) (time() + $offset));
            self::assertNotSame(401, $response->status, "timestamp now{$offset}: {$response->body}");
        }
    }

    public function testUnsignedAndMalformedRequestsAreRefused(): void
    {
        $unsigned = ServiceClient::rawRequest($this->service->url, 'POST', '/whmcs/v1/module/CreateAccount', '{}', ['Content-Type' => 'application/json']);
        self::assertSame(401, $unsigned->status, $unsigned->body);
        $badNonce = $this->signedPost('/whmcs/v1/module/CreateAccount', '{}', nonce: 'not-hex');
        self::assertSame(401, $badNonce->status, $badNonce->body);
    }

    public function testPreModuleCreateHookAbortsTheCreateWhenTheServiceRefuses(): void
    {
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        self::pointServiceAt($this->service->url, 'not-the-secret-' . str_repeat('z', 30));

        self::assertSame(ModuleRunner::ABORTED, ModuleRunner::callModule($this->serviceId, 'CreateAccount'));

        self::assertNull(ModuleRunner::$lastParams, 'the module function was not called');
        self::assertSame(['hook PreModuleCreate'], array_column(Whmcs::$moduleLog, 'action'));
        self::assertStringStartsWith("RouterBridge PreModuleCreate failed - Service ID: {$this->serviceId} - Error: ",
            Whmcs::$activityLog[0]['description']);
        self::assertSame('Pending', Fixtures::serviceRow($this->serviceId)['domainstatus']);
    }

    public function testTheServiceNeverLogsTheSharedSecret(): void
    {
        self::pointServiceAt($this->service->url, $this->service->secret);
        ModuleRunner::callModule($this->serviceId, 'CreateAccount');
        self::assertStringNotContainsString($this->service->secret, $this->service->log());
    }
}
