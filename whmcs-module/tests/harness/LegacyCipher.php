<?php

namespace RouterBridge\Tests\Harness;

/**
 * WHMCS's legacy password encryption (tblhosting.password, tblservers.password), written from the
 * description in reference/whmcs.md §5: a SHA-1 keystream chained over the plaintext, with the IV
 * masked by a key derived from $cc_encryption_hash.
 */
final class LegacyCipher
{
    private const BLOCK = 20;

    public static function encrypt(string $plain, string $ccEncryptionHash): string
    {
        $iv = random_bytes(self::BLOCK);
        return base64_encode(($iv ^ self::ivMask($ccEncryptionHash)) . self::xorStream($plain, $iv, true));
    }

    public static function decrypt(string $encoded, string $ccEncryptionHash): string
    {
        $raw = base64_decode($encoded, true);
        if ($raw === false || strlen($raw) < self::BLOCK) {
            return '';
        }
        $iv = substr($raw, 0, self::BLOCK) ^ self::ivMask($ccEncryptionHash);
        return self::xorStream(substr($raw, self::BLOCK), $iv, false);
    }

    private static function ivMask(string $ccEncryptionHash): string
    {
        $inner = md5($ccEncryptionHash);
        return sha1(md5($inner) . $inner, true);
    }

    /** The key starts as the IV and becomes sha1(key ‖ previous 20 plaintext bytes) at each block. */
    private static function xorStream(string $input, string $iv, bool $inputIsPlain): string
    {
        $output = '';
        $key = $iv;
        for ($offset = 0; $offset < strlen($input); $offset += self::BLOCK) {
            if ($offset > 0) {
                $previousPlain = $inputIsPlain
                    ? substr($input, $offset - self::BLOCK, self::BLOCK)
                    : substr($output, $offset - self::BLOCK, self::BLOCK);
                $key = sha1($key . $previousPlain, true);
            }
            $block = substr($input, $offset, self::BLOCK);
            $output .= $block ^ substr($key, 0, strlen($block));
        }
        return $output;
    }
}
