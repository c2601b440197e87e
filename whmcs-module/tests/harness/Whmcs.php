<?php

namespace RouterBridge\Tests\Harness;

/**
 * The in-process state WHMCS would hold: its database connection, the hook registry and what the
 * module logged, wrote to the activity log or asked of localAPI.
 */
final class Whmcs
{
    public static ?\PDO $pdo = null;
    /** configuration.php's $cc_encryption_hash of the emulated installation */
    public static string $ccEncryptionHash = 'routerbridge-harness-cc-encryption-hash';

    /** @var array<string, list<array{priority:int, seq:int, callback:callable}>> */
    public static array $hooks = [];
    private static int $hookSeq = 0;
    /** @var array<string, array<string, list<array{priority:int, callback:callable}>>> hooks each loaded file registered */
    private static array $hookFiles = [];
    private static ?array $capturing = null;

    /** @var list<array{module:string, action:string, request:mixed, response:mixed, data:mixed, replaceVars:array, logged:array{request:string,response:string,data:string}}> */
    public static array $moduleLog = [];
    /** @var list<array{description:string, userid:int}> */
    public static array $activityLog = [];
    /** @var list<array{command:string, values:array, adminUser:string}> */
    public static array $localApiCalls = [];
    /** @var array<string, array|callable> canned localAPI answers by command */
    public static array $localApiResponses = [];
    /** @var list<array{subject:string, message:string, type:string}> admin notifications SendAdminEmail accepted */
    public static array $adminEmails = [];

    /** Forgets hooks and recordings (between tests); the database connection stays. */
    public static function reset(): void
    {
        self::$hooks = [];
        self::$moduleLog = [];
        self::$activityLog = [];
        self::$localApiCalls = [];
        self::$localApiResponses = [];
        self::$adminEmails = [];
    }

    public static function pdo(): \PDO
    {
        if (self::$pdo === null) {
            throw new \LogicException('the WHMCS harness has no database: set RB_TEST_DB_HOST/PORT/USER/PASSWORD');
        }
        return self::$pdo;
    }

    public static function tableExists(string $table): bool
    {
        if (self::$pdo === null) {
            return false;
        }
        $statement = self::$pdo->prepare('SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?');
        $statement->execute([$table]);
        return (int) $statement->fetchColumn() > 0;
    }

    public static function addHook(string $hookPoint, int $priority, callable|string $callback): void
    {
        if (self::$capturing !== null) {
            self::$capturing[$hookPoint][] = ['priority' => $priority, 'callback' => $callback];
        }
        self::$hooks[$hookPoint][] = ['priority' => $priority, 'seq' => self::$hookSeq++, 'callback' => $callback];
    }

    /**
     * Loads a hooks file the way WHMCS does on every page. PHP can define its functions only once, so
     * the hooks the file registered are remembered and registered again after a reset().
     */
    public static function loadHooksFile(string $path): void
    {
        $path = realpath($path) ?: $path;
        if (!isset(self::$hookFiles[$path])) {
            self::$capturing = [];
            try {
                require $path;
                self::$hookFiles[$path] = self::$capturing;
            } finally {
                self::$capturing = null;
            }
            return;
        }
        foreach (self::$hookFiles[$path] as $hookPoint => $registered) {
            foreach ($registered as $hook) {
                self::addHook($hookPoint, $hook['priority'], $hook['callback']);
            }
        }
    }

    /** WHMCS's run_hook: ascending priority, each hook gets $args, truthy results are collected. */
    public static function runHook(string $hookPoint, mixed $args, bool $unpack = false): array
    {
        $registered = self::$hooks[$hookPoint] ?? [];
        usort($registered, static fn ($a, $b) => [$a['priority'], $a['seq']] <=> [$b['priority'], $b['seq']]);
        $results = [];
        foreach ($registered as $hook) {
            $result = $unpack && is_array($args)
                ? call_user_func_array($hook['callback'], array_values($args))
                : call_user_func($hook['callback'], $args);
            if ($result) {
                $results[] = $result;
            }
        }
        return $results;
    }

    public static function logModuleCall(string $module, string $action, mixed $request, mixed $response, mixed $data, array $replaceVars): void
    {
        $mask = static function (mixed $value) use ($replaceVars): string {
            $text = (is_array($value) || is_object($value)) ? print_r($value, true) : (string) $value;
            foreach ($replaceVars as $secret) {
                if (is_scalar($secret) && (string) $secret !== '') {
                    $text = str_replace((string) $secret, str_repeat('*', strlen((string) $secret)), $text);
                }
            }
            return $text;
        };
        $logged = ['request' => $mask($request), 'response' => $mask($response), 'data' => $mask($data)];
        self::$moduleLog[] = compact('module', 'action', 'request', 'response', 'data', 'replaceVars', 'logged');
        if (self::tableExists('tblmodulelog')) {
            self::pdo()->prepare('INSERT INTO tblmodulelog (date, module, action, request, response, arrdata) VALUES (NOW(), ?, ?, ?, ?, ?)')
                ->execute([strtolower($module), strtolower($action), $logged['request'], $logged['response'], $logged['data']]);
        }
    }

    public static function logActivity(string $description, int $userId = 0): void
    {
        self::$activityLog[] = ['description' => $description, 'userid' => $userId];
        if (self::tableExists('tblactivitylog')) {
            self::pdo()->prepare("INSERT INTO tblactivitylog (date, description, user, userid, ipaddr) VALUES (NOW(), ?, 'System', ?, '')")
                ->execute([$description, $userId]);
        }
    }

    public static function localApi(string $command, array $values, string $adminUser): array
    {
        self::$localApiCalls[] = compact('command', 'values', 'adminUser');
        $canned = self::$localApiResponses[$command] ?? null;
        if (is_callable($canned)) {
            return $canned($values);
        }
        if (is_array($canned)) {
            return $canned;
        }
        return $command === 'SendAdminEmail'
            ? self::sendAdminEmail($values)
            : ['result' => 'error', 'message' => "localAPI command {$command} is not emulated by the harness"];
    }

    /**
     * SendAdminEmail as the API reference documents it: a template (messagename, with mergefields) or a
     * custom mail (customsubject and custommessage); type is system, account or support (deptid with support).
     */
    private static function sendAdminEmail(array $values): array
    {
        $type = (string) ($values['type'] ?? 'system');
        if (!in_array($type, ['system', 'account', 'support'], true)) {
            return ['result' => 'error', 'message' => "Invalid type {$type}"];
        }
        $template = (string) ($values['messagename'] ?? '');
        $subject = (string) ($values['customsubject'] ?? '');
        $message = (string) ($values['custommessage'] ?? '');
        if ($template === '' && ($subject === '' || $message === '')) {
            return ['result' => 'error', 'message' => 'A template name or a custom subject and message is required'];
        }
        if ($template !== '') {
            return ['result' => 'error', 'message' => "Email template {$template} is not emulated by the harness"];
        }
        self::$adminEmails[] = ['subject' => $subject, 'message' => $message, 'type' => $type];
        return ['result' => 'success'];
    }

    /**
     * The end of WHMCS's daily automation run: run_hook('DailyCronJob') with no arguments; whatever the hooks
     * answer is thrown away, as WHMCS does (hooks-reference/cron: "no return").
     */
    public static function runDailyCron(): void
    {
        self::runHook('DailyCronJob', []);
    }

    /** @return list<array> the localAPI calls of one command */
    public static function localApiCallsOf(string $command): array
    {
        return array_values(array_filter(self::$localApiCalls, static fn ($call) => $call['command'] === $command));
    }
}
