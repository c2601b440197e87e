<?php

namespace RouterBridge\Tests\Harness;

/**
 * The real routerbridge service (server/target/routerbridge-server.jar serve) on a free loopback port,
 * against the test database, with a random shared secret; stopped by its PID when PHP exits.
 */
final class ServiceProcess
{
    private static ?self $instance = null;
    private static ?\Throwable $startFailure = null;

    /** @param resource $process */
    private function __construct(
        public readonly string $url,
        public readonly string $secret,
        public readonly int $pid,
        public readonly string $logFile,
        private $process
    ) {
    }

    public static function jarPath(): string
    {
        return dirname(__DIR__, 3) . '/server/target/routerbridge-server.jar';
    }

    public static function get(): self
    {
        if (self::$instance !== null) {
            return self::$instance;
        }
        if (self::$startFailure !== null) {
            throw new \RuntimeException('the service failed to start earlier in this run', 0, self::$startFailure);
        }
        try {
            return self::$instance = self::start();
        } catch (\Throwable $e) {
            self::$startFailure = $e;
            throw $e;
        }
    }

    private static function start(): self
    {
        return self::launch([]);
    }

    /**
     * A service process of its own (not the shared one) with these variables set over the usual ones, e.g. the
     * shared secrets of a rotation; the caller stops it.
     *
     * @param array<string, string> $variables
     */
    public static function startWith(array $variables): self
    {
        return self::launch($variables);
    }

    /** @param array<string, string> $variables */
    private static function launch(array $variables): self
    {
        $jar = self::jarPath();
        if (!is_file($jar)) {
            throw new \RuntimeException("service jar missing: {$jar} (build it: mvn -B -q -pl server -am package -DskipTests)");
        }
        $database = TestDatabase::get();
        $port = self::freePort();
        $secret = bin2hex(random_bytes(24));
        $logFile = sys_get_temp_dir() . "/routerbridge-php-tests-{$port}.log";
        $env = array_merge(getenv(), [
            'RB_DB_URL' => $database->jdbcUrl(),
            'RB_DB_USER' => $database->user,
            'RB_DB_PASSWORD' => $database->password,
            'RB_HTTP_PORT' => (string) $port,
            'RB_SHARED_SECRET' => $secret,
            'RB_MASTER_KEY' => base64_encode(random_bytes(32)),
        ], $variables);
        $secret = $env['RB_SHARED_SECRET'];
        $process = proc_open(['java', '-Xmx256m', '-jar', $jar, 'serve'], [
            0 => ['file', '/dev/null', 'r'],
            1 => ['file', $logFile, 'w'],
            2 => ['file', $logFile, 'a'],
        ], $pipes, null, $env);
        if (!is_resource($process)) {
            throw new \RuntimeException('could not start java');
        }
        $pid = (int) proc_get_status($process)['pid'];
        $service = new self("http://127.0.0.1:{$port}", $secret, $pid, $logFile, $process);
        TestEnvironment::onShutdown([$service, 'stop']);
        $service->awaitReady(90);
        return $service;
    }

    public function stop(): void
    {
        if (!is_resource($this->process)) {
            return;
        }
        if (proc_get_status($this->process)['running']) {
            posix_kill($this->pid, SIGTERM);
            for ($i = 0; $i < 100 && proc_get_status($this->process)['running']; $i++) {
                usleep(100_000);
            }
            if (proc_get_status($this->process)['running']) {
                posix_kill($this->pid, SIGKILL);
            }
        }
        proc_close($this->process);
        @unlink($this->logFile);
    }

    private function awaitReady(int $seconds): void
    {
        $deadline = microtime(true) + $seconds;
        while (microtime(true) < $deadline) {
            if (!proc_get_status($this->process)['running']) {
                throw new \RuntimeException("service exited during start-up:\n" . $this->logTail());
            }
            $curl = curl_init($this->url . '/health/ready');
            curl_setopt_array($curl, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 2]);
            curl_exec($curl);
            $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
            curl_close($curl);
            if ($status === 200) {
                return;
            }
            usleep(200_000);
        }
        throw new \RuntimeException("service not ready after {$seconds} s:\n" . $this->logTail());
    }

    public function logTail(): string
    {
        $log = (string) @file_get_contents($this->logFile);
        return substr($log, -4000);
    }

    public function log(): string
    {
        return (string) @file_get_contents($this->logFile);
    }

    private static function freePort(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($socket, false);
        fclose($socket);
        return (int) substr($name, strrpos($name, ':') + 1);
    }
}
