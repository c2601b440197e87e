<?php

namespace RouterBridge\Tests\Harness;

/** Plain JSON over HTTP for the harness's own calls (emulator control port, REST API). */
final class JsonHttp
{
    /**
     * @return array{0:int,1:mixed} status and decoded body
     */
    public static function request(string $method, string $url, ?array $body = null, array $headers = []): array
    {
        $curl = curl_init($url);
        $headers[] = 'Accept: application/json';
        $options = [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 15, CURLOPT_CUSTOMREQUEST => $method];
        if ($body !== null) {
            $options[CURLOPT_POSTFIELDS] = $body === [] ? '{}' : json_encode($body, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
            $headers[] = 'Content-Type: application/json';
        }
        $options[CURLOPT_HTTPHEADER] = $headers;
        curl_setopt_array($curl, $options);
        $text = curl_exec($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        $error = curl_error($curl);
        curl_close($curl);
        if ($text === false) {
            throw new \RuntimeException("{$method} {$url} failed: {$error}");
        }
        return [$status, $text === '' ? null : json_decode($text, true)];
    }

    /** Like request() but throws unless the status is 2xx; returns the decoded body. */
    public static function expectOk(string $method, string $url, ?array $body = null, array $headers = []): mixed
    {
        [$status, $decoded] = self::request($method, $url, $body, $headers);
        if ($status < 200 || $status >= 300) {
            throw new \RuntimeException("{$method} {$url} answered {$status}: " . json_encode($decoded));
        }
        return $decoded;
    }
}
