<?php

namespace RouterBridge\Tests;

require_once ROOTDIR . '/modules/servers/routerbridge/lib/ServiceClient.php';

use RouterBridge\Payload;
use RouterBridge\ServiceClient;

/** The channel's signature against the vector shared with the Java tests (docs/signing-test-vector.json). */
final class SigningTest extends WhmcsTestCase
{
    private static function vector(): array
    {
        return json_decode((string) file_get_contents(dirname(ROOTDIR) . '/docs/signing-test-vector.json'), true, 512, JSON_THROW_ON_ERROR);
    }

    public function testBodyHashMatchesTheVector(): void
    {
        $v = self::vector();
        self::assertSame($v['bodySha256'], hash('sha256', $v['body']));
    }

    public function testCanonicalStringMatchesTheVector(): void
    {
        $v = self::vector();
        self::assertSame($v['canonical'], ServiceClient::canonical($v['method'], $v['path'], $v['timestamp'], $v['nonce'], $v['body']));
    }

    public function testSignatureMatchesTheVector(): void
    {
        $v = self::vector();
        self::assertSame($v['signature'], ServiceClient::signature($v['secret'], $v['method'], $v['path'], $v['timestamp'], $v['nonce'], $v['body']));
        $headers = ServiceClient::signatureHeaders($v['secret'], $v['method'], $v['path'], $v['body'], $v['timestamp'], $v['nonce']);
        self::assertSame(['X-RB-Timestamp' => $v['timestamp'], 'X-RB-Nonce' => $v['nonce'], 'X-RB-Signature' => $v['signature']], $headers);
    }

    public function testLowerCaseMethodSignsLikeUpperCase(): void
    {
        $v = self::vector();
        self::assertSame($v['signature'], ServiceClient::signature($v['secret'], 'post', $v['path'], $v['timestamp'], $v['nonce'], $v['body']));
    }

    public function testAnyChangeChangesTheSignature(): void
    {
        $v = self::vector();
        $variants = [
            ServiceClient::signature($v['secret'] . 'x', $v['method'], $v['path'], $v['timestamp'], $v['nonce'], $v['body']),
            ServiceClient::signature($v['secret'], $v['method'], $v['path'] . '?x=1', $v['timestamp'], $v['nonce'], $v['body']),
            ServiceClient::signature($v['secret'], $v['method'], $v['path'], '1700000001', $v['nonce'], $v['body']),
            ServiceClient::signature($v['secret'], $v['method'], $v['path'], $v['timestamp'], str_repeat('f', 32), $v['body']),
            ServiceClient::signature($v['secret'], $v['method'], $v['path'], $v['timestamp'], $v['nonce'], $v['body'] . ' '),
        ];
        foreach ($variants as $signature) {
            self::assertNotSame($v['signature'], $signature);
        }
    }

    /** The vector's body is what the module sends for those params: the same bytes, so the same hash. */
    public function testModulePayloadEncodingReproducesTheVectorBody(): void
    {
        $v = self::vector();
        self::assertSame($v['body'], Payload::toJson(json_decode($v['body'], true)));
    }

    public function testNoncesAre32LowerHexAndUnique(): void
    {
        $nonces = [];
        for ($i = 0; $i < 200; $i++) {
            $nonce = ServiceClient::newNonce();
            self::assertMatchesRegularExpression('/^[0-9a-f]{32}$/', $nonce);
            $nonces[$nonce] = true;
        }
        self::assertCount(200, $nonces);
    }
}
