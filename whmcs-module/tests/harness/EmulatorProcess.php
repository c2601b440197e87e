<?php

namespace RouterBridge\Tests\Harness;

/**
 * The RouterOS emulator (routeros-emulator/target/routeros-emulator.jar) as a separate process on free
 * loopback ports: the API port a router row points at, and the control port of {@see EmulatorControl}.
 * Stopped by its PID, never by name; stop() then start() brings it back on the same ports.
 */
final class EmulatorProcess
{
    /** @var resource|null */
    private $process = null;
    private ?int $pid = null;
    public readonly EmulatorControl $control;

    private function __construct(
        public readonly int $apiPort,
        public readonly int $controlPort,
        public readonly string $user,
        public readonly string $password,
        public readonly int $latencyMs,
        public readonly string $logFile
    ) {
        $this->control = new EmulatorControl("http://127.0.0.1:{$controlPort}");
    }

    public static function jarPath(): string
    {
        return dirname(__DIR__, 3) . '/routeros-emulator/target/routeros-emulator.jar';
    }

    /** Starts an emulator; it is stopped when PHP exits at the latest. */
    public static function start(string $password = 'router-pass', int $latencyMs = 0, string $user = 'admin'): self
    {
        $jar = self::jarPath();
        if (!is_file($jar)) {
            throw new \RuntimeException("emulator jar missing: {$jar} (build it: mvn -B -q -pl server -am package -DskipTests)");
        }
        $apiPort = Ports::free();
        $controlPort = Ports::free();
        $emulator = new self($apiPort, $controlPort, $user, $password, $latencyMs,
            sys_get_temp_dir() . "/routerbridge-emulator-{$apiPort}.log");
        TestEnvironment::onShutdown([$emulator, 'stop']);
        $emulator->launch();
        return $emulator;
    }

    /** Starts the process again after stop(), on the same ports and with the same credentials (state is fresh). */
    public function launch(): void
    {
        if ($this->isRunning()) {
            return;
        }
        $command = ['java', '-Xmx192m', '-XX:TieredStopAtLevel=1', '-jar', self::jarPath(),
            '--port', (string) $this->apiPort, '--control-port', (string) $this->controlPort,
            '--user', $this->user, '--password', $this->password, '--ros-version', '7.19'];
        if ($this->latencyMs > 0) {
            $command = [...$command, '--latency-ms', (string) $this->latencyMs];
        }
        $this->process = proc_open($command, [
            0 => ['file', '/dev/null', 'r'],
            1 => ['file', $this->logFile, 'w'],
            2 => ['file', $this->logFile, 'a'],
        ], $pipes);
        if (!is_resource($this->process)) {
            throw new \RuntimeException('could not start the emulator');
        }
        $this->pid = (int) proc_get_status($this->process)['pid'];
        $this->awaitListening(30);
    }

    public function isRunning(): bool
    {
        return is_resource($this->process) && proc_get_status($this->process)['running'];
    }

    public function pid(): ?int
    {
        return $this->pid;
    }

    /** Stops the process by its PID (SIGTERM, then SIGKILL after 5 s). */
    public function stop(): void
    {
        if (!is_resource($this->process)) {
            return;
        }
        if (proc_get_status($this->process)['running']) {
            posix_kill($this->pid, SIGTERM);
            for ($i = 0; $i < 50 && proc_get_status($this->process)['running']; $i++) {
                usleep(100_000);
            }
            if (proc_get_status($this->process)['running']) {
                posix_kill($this->pid, SIGKILL);
            }
        }
        proc_close($this->process);
        $this->process = null;
        $this->pid = null;
    }

    public function logTail(): string
    {
        return substr((string) @file_get_contents($this->logFile), -4000);
    }

    private function awaitListening(int $seconds): void
    {
        $deadline = microtime(true) + $seconds;
        while (microtime(true) < $deadline) {
            if (!proc_get_status($this->process)['running']) {
                throw new \RuntimeException("emulator exited during start-up:\n" . $this->logTail());
            }
            if (str_contains((string) @file_get_contents($this->logFile), 'routeros-emulator listening')) {
                return;
            }
            usleep(50_000);
        }
        throw new \RuntimeException("emulator not listening after {$seconds} s:\n" . $this->logTail());
    }
}
