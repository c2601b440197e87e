<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\LegacyCipher;

final class LegacyCipherTest extends WhmcsTestCase
{
    public function testRoundTripsAcrossBlockBoundaries(): void
    {
        foreach (['', 'a', str_repeat('x', 19), str_repeat('y', 20), str_repeat('z', 21), "p!w=\"x' é" . str_repeat('0123456789', 7)] as $plain) {
            self::assertSame($plain, LegacyCipher::decrypt(LegacyCipher::encrypt($plain, 'hash-1'), 'hash-1'));
        }
    }

    public function testCiphertextIsRandomisedAndNeedsTheRightHash(): void
    {
        $plain = 'router-password-with-more-than-one-block';
        $a = LegacyCipher::encrypt($plain, 'hash-1');
        $b = LegacyCipher::encrypt($plain, 'hash-1');
        self::assertNotSame($a, $b);
        self::assertStringNotContainsString($plain, base64_decode($a));
        self::assertNotSame($plain, LegacyCipher::decrypt($a, 'hash-2'));
    }
}
