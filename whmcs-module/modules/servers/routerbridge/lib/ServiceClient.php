<?php
/**
 * Signed HTTP client for the routerbridge service, shared by the server module, the addon module
 * and hooks.php. The signing contract is docs/whmcs-channel.md.
 */

namespace RouterBridge;

if (!defined("WHMCS")) {
    die("This file cannot be accessed directly");
}

/** The service could not be reached or answered something that is not the channel's JSON. */
final class ServiceUnavailable extends \RuntimeException
{
}

/** Settings are missing (no service URL or secret in the addon settings nor the environment). */
final class NotConfigured extends \RuntimeException
{
}

final class ServiceResponse
{
    public function __construct(
        public readonly int $status,
        public readonly string $body,
        public readonly ?array $json
    ) {
    }

    /** True only when the service itself said `{"result":"success"}` with HTTP 200. */
    public function isSuccess(): bool
    {
        return $this->status === 200 && is_array($this->json) && ($this->json['result'] ?? null) === 'success';
    }

    /** The service's own error text, verbatim; a description of the answer when it gave none. */
    public function error(): string
    {
        $error = is_array($this->json) ? ($this->json['error'] ?? null) : null;
        if (is_string($error) && $error !== '') {
            return $error;
        }
        if ($this->isSuccess()) {
            return '';
        }
        $excerpt = trim(mb_substr($this->body, 0, 200));
        return "routerbridge service answered HTTP {$this->status} without an error message"
            . ($excerpt === '' ? '' : ": {$excerpt}");
    }

    /** The answer's fields other than `result`, e.g. dedicatedip/assignedips. */
    public function extraFields(): array
    {
        $fields = is_array($this->json) ? $this->json : [];
        unset($fields['result']);
        return $fields;
    }
}

final class ServiceSettings
{
    public const ADDON_MODULE = 'routerbridgeaddon';
    public const URL_SETTING = 'service_url';
    public const SECRET_SETTING = 'shared_secret';

    public function __construct(public readonly string $url, public readonly string $secret)
    {
    }

    /**
     * The addon module's settings (tbladdonmodules), each overridden by ROUTERBRIDGE_URL /
     * ROUTERBRIDGE_SECRET when that environment variable is set.
     */
    public static function load(): self
    {
        $envUrl = self::env('ROUTERBRIDGE_URL');
        $envSecret = self::env('ROUTERBRIDGE_SECRET');
        $stored = ($envUrl !== null && $envSecret !== null) ? [] : self::addonSettings();
        $url = trim($envUrl ?? (string) ($stored[self::URL_SETTING] ?? ''));
        $secret = $envSecret ?? (string) ($stored[self::SECRET_SETTING] ?? '');
        if ($url === '') {
            throw new NotConfigured('routerbridge service URL is not configured '
                . '(Addon Modules > RouterBridge > Service URL, or ROUTERBRIDGE_URL)');
        }
        if ($secret === '') {
            throw new NotConfigured('routerbridge shared secret is not configured '
                . '(Addon Modules > RouterBridge > Shared Secret, or ROUTERBRIDGE_SECRET)');
        }
        return new self(rtrim($url, '/'), $secret);
    }

    private static function env(string $name): ?string
    {
        $value = getenv($name);
        return ($value === false || $value === '') ? null : $value;
    }

    /** @return array<string,string> setting => value */
    private static function addonSettings(): array
    {
        if (!class_exists('WHMCS\Database\Capsule')) {
            return [];
        }
        $settings = [];
        $rows = \WHMCS\Database\Capsule::table('tbladdonmodules')
            ->where('module', self::ADDON_MODULE)
            ->pluck('value', 'setting');
        foreach ($rows as $setting => $value) {
            $settings[$setting] = (string) $value;
        }
        return $settings;
    }
}

final class ServiceClient
{
    public const CONNECT_TIMEOUT_SECONDS = 5;
    public const TOTAL_TIMEOUT_SECONDS = 30;

    public function __construct(private readonly string $baseUrl, private readonly string $secret)
    {
    }

    public static function fromSettings(): self
    {
        $settings = ServiceSettings::load();
        return new self($settings->url, $settings->secret);
    }

    public function baseUrl(): string
    {
        return $this->baseUrl;
    }

    /** POSTs $payload as JSON to $path, signed; throws ServiceUnavailable on network failure. */
    public function post(string $path, array $payload): ServiceResponse
    {
        return $this->send('POST', $path, Payload::toJson($payload));
    }

    public function get(string $path): ServiceResponse
    {
        return $this->send('GET', $path, '');
    }

    public function delete(string $path): ServiceResponse
    {
        return $this->send('DELETE', $path, '');
    }

    public function send(string $method, string $path, string $body): ServiceResponse
    {
        $headers = self::signatureHeaders($this->secret, $method, $path, $body, (string) time(), self::newNonce());
        $headers['Content-Type'] = 'application/json';
        $headers['Accept'] = 'application/json';
        return self::rawRequest($this->baseUrl, $method, $path, $body, $headers);
    }

    /** Sends exactly what it is given (no signing); public so tests can send tampered requests. */
    public static function rawRequest(string $baseUrl, string $method, string $path, string $body, array $headers): ServiceResponse
    {
        $url = rtrim($baseUrl, '/') . $path;
        $headerLines = [];
        foreach ($headers as $name => $value) {
            $headerLines[] = "{$name}: {$value}";
        }
        $headerLines[] = 'Expect:';
        $curl = curl_init($url);
        curl_setopt_array($curl, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HTTPHEADER => $headerLines,
            CURLOPT_CONNECTTIMEOUT => self::CONNECT_TIMEOUT_SECONDS,
            CURLOPT_TIMEOUT => self::TOTAL_TIMEOUT_SECONDS,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
        ]);
        if ($method !== 'GET') {
            curl_setopt($curl, CURLOPT_POSTFIELDS, $body);
        }
        $answer = curl_exec($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        $error = curl_error($curl);
        curl_close($curl);
        if ($answer === false) {
            throw new ServiceUnavailable("routerbridge service unreachable at {$baseUrl}: {$error}");
        }
        $json = json_decode($answer, true);
        return new ServiceResponse($status, $answer, is_array($json) ? $json : null);
    }

    /** @return array<string,string> the three X-RB-* headers of the channel */
    public static function signatureHeaders(string $secret, string $method, string $path, string $body, string $timestamp, string $nonce): array
    {
        return [
            'X-RB-Timestamp' => $timestamp,
            'X-RB-Nonce' => $nonce,
            'X-RB-Signature' => self::signature($secret, $method, $path, $timestamp, $nonce, $body),
        ];
    }

    public static function canonical(string $method, string $path, string $timestamp, string $nonce, string $body): string
    {
        return implode("\n", [strtoupper($method), $path, $timestamp, $nonce, hash('sha256', $body)]);
    }

    public static function signature(string $secret, string $method, string $path, string $timestamp, string $nonce, string $body): string
    {
        return hash_hmac('sha256', self::canonical($method, $path, $timestamp, $nonce, $body), $secret);
    }

    public static function newNonce(): string
    {
        return bin2hex(random_bytes(16));
    }
}

/** Turns WHMCS arrays ($params, hook $vars) into the channel's JSON. */
final class Payload
{
    /** Keys whose value is a JSON object even when empty. */
    private const OBJECT_KEYS = ['customfields', 'configoptions', 'clientsdetails', 'params'];

    /** Removes PHP objects (e.g. `model`) and resources at any depth. */
    public static function strip(array $data): array
    {
        $clean = [];
        foreach ($data as $key => $value) {
            if (is_object($value) || is_resource($value)) {
                continue;
            }
            $clean[$key] = is_array($value) ? self::strip($value) : $value;
        }
        return $clean;
    }

    public static function toJson(array $data): string
    {
        $clean = self::objectsForEmptyMaps(self::strip($data));
        return json_encode(
            $clean === [] ? new \stdClass() : $clean,
            JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
                | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE
        );
    }

    private static function objectsForEmptyMaps(array $data): array
    {
        foreach ($data as $key => $value) {
            if (is_array($value)) {
                $data[$key] = ($value === [] && in_array($key, self::OBJECT_KEYS, true))
                    ? new \stdClass()
                    : self::objectsForEmptyMaps($value);
            }
        }
        return $data;
    }
}

/** One call from WHMCS to the service, logged to WHMCS's module log with every secret masked. */
final class Forwarder
{
    /** $params keys whose values are credentials. */
    public const SECRET_KEYS = ['password', 'serverpassword', 'serveraccesshash'];

    /**
     * POSTs $request to $path and logs the exchange under $logAction.
     * @param list<string> $secretValues values to mask in the log (the shared secret is added)
     * @return array{ok:bool, error:string, fields:array, status:int} ok only when the service said success;
     *         error is its error text verbatim, or why it could not be asked; status is the HTTP status of
     *         its answer, 0 when it was not asked or did not answer
     */
    public static function forward(string $path, array $request, array $secretValues, string $logAction): array
    {
        $request = Payload::strip($request);
        try {
            $settings = ServiceSettings::load();
            $secretValues[] = $settings->secret;
            $response = (new ServiceClient($settings->url, $settings->secret))->post($path, $request);
            $outcome = ['ok' => $response->isSuccess(), 'error' => $response->error(), 'fields' => $response->extraFields(),
                'status' => $response->status];
            $logged = $response->body;
        } catch (\Throwable $e) {
            $outcome = ['ok' => false, 'error' => $e->getMessage(), 'fields' => [], 'status' => 0];
            $logged = get_class($e) . ': ' . $e->getMessage();
        }
        if (function_exists('logModuleCall')) {
            logModuleCall('routerbridge', $logAction, $request, $logged, $outcome['ok'] ? 'success' : $outcome['error'],
                array_values(array_unique(array_filter($secretValues, static fn ($v) => $v !== ''))));
        }
        return $outcome;
    }

    /** @return list<string> the credential values found in $params */
    public static function secretValues(array $params): array
    {
        $values = [];
        foreach (self::SECRET_KEYS as $key) {
            if (isset($params[$key]) && is_scalar($params[$key]) && (string) $params[$key] !== '') {
                $values[] = (string) $params[$key];
            }
        }
        return $values;
    }
}
