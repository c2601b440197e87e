<?php

namespace RouterBridge\Tests\Harness;

/**
 * A minimal RouterOS API client (length-prefixed words, post-6.43 login), as an operator's script would set a
 * router up before products point at it: e.g. the PPP profiles a pppoe product names. Loopback only.
 */
final class RouterOsApi
{
    /** @param resource $socket */
    private function __construct(private $socket)
    {
    }

    public static function login(EmulatorProcess $router): self
    {
        $socket = stream_socket_client("tcp://127.0.0.1:{$router->apiPort}", $errno, $error, 5);
        if ($socket === false) {
            throw new \RuntimeException("cannot reach the router API: {$error}");
        }
        stream_set_timeout($socket, 10);
        $api = new self($socket);
        $api->command('/login', ['name' => $router->user, 'password' => $router->password]);
        return $api;
    }

    /**
     * Sends one command with =attribute=value words; returns the !re rows. A !trap is an exception.
     *
     * @return list<array<string,string>>
     */
    public function command(string $path, array $attributes = []): array
    {
        $words = [$path];
        foreach ($attributes as $name => $value) {
            $words[] = "={$name}={$value}";
        }
        foreach ($words as $word) {
            fwrite($this->socket, self::length(strlen($word)) . $word);
        }
        fwrite($this->socket, "\0");
        $rows = [];
        while (true) {
            $sentence = $this->readSentence();
            $row = [];
            foreach (array_slice($sentence, 1) as $word) {
                if (preg_match('/^=([^=]+)=(.*)$/s', $word, $m)) {
                    $row[$m[1]] = $m[2];
                }
            }
            switch ($sentence[0] ?? '') {
                case '!re':
                    $rows[] = $row;
                    break;
                case '!done':
                    return $rows;
                case '!trap':
                case '!fatal':
                    throw new \RuntimeException("{$path}: " . ($row['message'] ?? implode(' ', $sentence)));
            }
        }
    }

    public function close(): void
    {
        fclose($this->socket);
    }

    /** @return list<string> */
    private function readSentence(): array
    {
        $words = [];
        while (($length = $this->readLength()) > 0) {
            $word = '';
            while (strlen($word) < $length) {
                $chunk = fread($this->socket, $length - strlen($word));
                if ($chunk === false || $chunk === '') {
                    throw new \RuntimeException('the router closed the API connection');
                }
                $word .= $chunk;
            }
            $words[] = $word;
        }
        return $words;
    }

    private function readLength(): int
    {
        $first = ord($this->readBytes(1));
        if ($first < 0x80) {
            return $first;
        }
        if ($first < 0xC0) {
            return (($first & 0x3F) << 8) | ord($this->readBytes(1));
        }
        if ($first < 0xE0) {
            $rest = $this->readBytes(2);
            return (($first & 0x1F) << 16) | (ord($rest[0]) << 8) | ord($rest[1]);
        }
        $rest = $this->readBytes(3);
        return (($first & 0x0F) << 24) | (ord($rest[0]) << 16) | (ord($rest[1]) << 8) | ord($rest[2]);
    }

    private function readBytes(int $count): string
    {
        $bytes = '';
        while (strlen($bytes) < $count) {
            $chunk = fread($this->socket, $count - strlen($bytes));
            if ($chunk === false || $chunk === '') {
                throw new \RuntimeException('the router closed the API connection');
            }
            $bytes .= $chunk;
        }
        return $bytes;
    }

    private static function length(int $length): string
    {
        if ($length < 0x80) {
            return chr($length);
        }
        if ($length < 0x4000) {
            return pack('n', $length | 0x8000);
        }
        if ($length < 0x200000) {
            return substr(pack('N', $length | 0xC00000), 1);
        }
        return pack('N', $length | 0xE0000000);
    }
}
