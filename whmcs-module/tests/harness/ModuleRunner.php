<?php

namespace RouterBridge\Tests\Harness;

/**
 * WHMCS's module call flow (reference/whmcs.md §1.4, §3): build $params, Pre hook with abort and
 * merge, call <module>_<Function>, update tblhosting on success, After or Failed hooks.
 */
final class ModuleRunner
{
    public const ABORTED = 'Function Aborted by Action Hook Code';
    public const NOT_SUPPORTED = 'Function Not Supported by Module';

    /** module function => [hook suffix, $params['action'], activity-log verb] */
    private const FUNCTIONS = [
        'CreateAccount' => ['Create', 'create'],
        'SuspendAccount' => ['Suspend', 'suspend'],
        'UnsuspendAccount' => ['Unsuspend', 'unsuspend'],
        'TerminateAccount' => ['Terminate', 'terminate'],
        'ChangePackage' => ['ChangePackage', 'upgrade'],
        'ChangePassword' => ['ChangePassword', 'changepw'],
        'Renew' => ['Renew', 'renew'],
    ];

    /** @var list<string> folders holding modules/servers-style module folders */
    public static array $moduleDirs = [];

    /** The $params the module function last received (after the Pre hook merge). */
    public static ?array $lastParams = null;

    /**
     * Runs one module action for a service as WHMCS does and returns WHMCS's result: 'success' or
     * the error text. $extra are merged into $params first (e.g. suspendreason).
     */
    public static function callModule(int $serviceId, string $function, array $extra = []): string
    {
        [$hookName, $action] = self::FUNCTIONS[$function] ?? ['Custom', $function];
        self::$lastParams = null;
        $params = ParamsBuilder::forService($serviceId);
        $module = $params['moduletype'];
        if ($module === '') {
            return 'Service not assigned to a module';
        }
        self::load($module);
        if ($function === 'SuspendAccount' && !isset($extra['suspendreason'])) {
            $extra['suspendreason'] = 'Overdue on Payment';
        }
        $params = array_replace($params, $extra, ['action' => $action]);
        if ($function === 'CreateAccount') {
            $params = self::generateCredentials($module, $params);
        }

        foreach (Whmcs::runHook('PreModule' . $hookName, ['params' => $params]) as $hookValues) {
            if (!is_array($hookValues)) {
                continue;
            }
            $abort = $hookName === 'Custom'
                ? (isset($hookValues['abortcmd']) && $hookValues['abortcmd'] === true)
                : (($hookValues['abortcmd'] ?? null) === true);
            if ($abort) {
                Whmcs::logActivity("Module {$hookName} Aborted by Action Hook - Service ID: {$serviceId}", $params['userid']);
                return self::ABORTED;
            }
            $params = array_replace_recursive($params, $hookValues);
        }

        $callable = $module . '_' . $function;
        self::$lastParams = $params;
        if (!function_exists($callable)) {
            $result = self::NOT_SUPPORTED;
        } else {
            try {
                $result = call_user_func($callable, $params);
            } catch (\Throwable $e) {
                $result = $e->getMessage();
            }
        }

        if ($result === 'success') {
            self::recordSuccess($serviceId, $function, $params);
            Whmcs::logActivity("Module {$hookName} Successful - Service ID: {$serviceId}"
                . ($function === 'SuspendAccount' ? ' - Reason: ' . $params['suspendreason'] : ''), $params['userid']);
            Whmcs::runHook('AfterModule' . $hookName, ['params' => $params]);
            self::resolveQueue($serviceId, $action);
            return 'success';
        }
        $message = is_string($result) ? $result : 'Module returned ' . gettype($result);
        self::queueFailure($serviceId, $module, $action, $message);
        Whmcs::runHook('AfterModule' . $hookName . 'Failed', ['failureResponseMessage' => $message, 'params' => $params]);
        Whmcs::logActivity("Module {$hookName} Failed - Service ID: {$serviceId} - Error: {$message}", $params['userid']);
        return $message;
    }

    /** The "Test Connection" button: server params from a tblservers row, <module>_TestConnection. */
    public static function testConnection(int $serverId): array
    {
        $type = (string) Whmcs::pdo()->query('SELECT type FROM tblservers WHERE id = ' . $serverId)->fetchColumn();
        self::load($type);
        $callable = $type . '_TestConnection';
        if (!function_exists($callable)) {
            return ['success' => false, 'error' => self::NOT_SUPPORTED];
        }
        return call_user_func($callable, ParamsBuilder::forServer($serverId, $type) + ['moduletype' => $type]);
    }

    public static function metaData(string $module): array
    {
        if ($module === '') {
            return [];
        }
        self::load($module);
        $callable = $module . '_MetaData';
        return function_exists($callable) ? (array) call_user_func($callable) : [];
    }

    public static function load(string $module): void
    {
        if (!preg_match('/^[a-z][a-z0-9]*$/', $module)) {
            throw new \InvalidArgumentException("invalid module name {$module}");
        }
        foreach (self::$moduleDirs as $dir) {
            $file = "{$dir}/{$module}/{$module}.php";
            if (is_file($file)) {
                require_once $file;
                return;
            }
        }
        throw new \RuntimeException("module {$module} not found in " . implode(', ', self::$moduleDirs));
    }

    /** Create only: fill an empty username/password and store them, as WHMCS does before the call. */
    private static function generateCredentials(string $module, array $params): array
    {
        if ((self::metaData($module)['AutoGenerateUsernameAndPassword'] ?? true) === false) {
            return $params;
        }
        $changes = [];
        if ($params['username'] === '') {
            $base = substr(preg_replace('/[^a-z]/', '', strtolower($params['domain'])) ?: 'user', 0, 8);
            $params['username'] = $changes['username'] = $base;
        }
        if ($params['password'] === '') {
            $params['password'] = substr(str_replace(['+', '/', '='], '', base64_encode(random_bytes(18))), 0, 14);
            $changes['password'] = encrypt($params['password']);
        }
        if ($changes !== []) {
            self::updateService($params['serviceid'], $changes);
        }
        return $params;
    }

    private static function recordSuccess(int $serviceId, string $function, array $params): void
    {
        $today = date('Y-m-d');
        switch ($function) {
            case 'CreateAccount':
                self::updateService($serviceId, ['domainstatus' => 'Active', 'termination_date' => '0000-00-00']);
                break;
            case 'SuspendAccount':
                $reason = $params['suspendreason'] === 'Overdue on Payment' ? '' : $params['suspendreason'];
                self::updateService($serviceId, ['domainstatus' => 'Suspended', 'suspendreason' => $reason]);
                break;
            case 'UnsuspendAccount':
                self::updateService($serviceId, ['domainstatus' => 'Active', 'suspendreason' => '', 'termination_date' => '0000-00-00']);
                break;
            case 'TerminateAccount':
                Whmcs::pdo()->prepare("UPDATE tblhosting SET domainstatus = 'Terminated',
                    termination_date = IF(termination_date IS NULL OR termination_date = '0000-00-00', ?, termination_date) WHERE id = ?")
                    ->execute([$today, $serviceId]);
                if (Whmcs::tableExists('tblhostingaddons')) {
                    Whmcs::pdo()->prepare("UPDATE tblhostingaddons SET status = 'Terminated', termination_date = ? WHERE hostingid = ? AND status = 'Active'")
                        ->execute([$today, $serviceId]);
                }
                break;
        }
    }

    private static function updateService(int $serviceId, array $values): void
    {
        $sets = implode(', ', array_map(static fn ($column) => "`{$column}` = ?", array_keys($values)));
        Whmcs::pdo()->prepare("UPDATE tblhosting SET {$sets} WHERE id = ?")->execute([...array_values($values), $serviceId]);
    }

    private static function queueFailure(int $serviceId, string $module, string $action, string $error): void
    {
        if (!Whmcs::tableExists('tblmodulequeue')) {
            return;
        }
        $pdo = Whmcs::pdo();
        $updated = $pdo->prepare("UPDATE tblmodulequeue SET last_attempt = NOW(), last_attempt_error = ?, num_retries = num_retries + 1, updated_at = NOW()
            WHERE service_type = 'service' AND service_id = ? AND module_action = ? AND completed = 0");
        $updated->execute([$error, $serviceId, $action]);
        if ($updated->rowCount() === 0) {
            $pdo->prepare("INSERT INTO tblmodulequeue (service_type, service_id, module_name, module_action, last_attempt, last_attempt_error, num_retries, completed, created_at, updated_at)
                VALUES ('service', ?, ?, ?, NOW(), ?, 0, 0, NOW(), NOW())")->execute([$serviceId, $module, $action, $error]);
        }
    }

    private static function resolveQueue(int $serviceId, string $action): void
    {
        if (Whmcs::tableExists('tblmodulequeue')) {
            Whmcs::pdo()->prepare("UPDATE tblmodulequeue SET completed = 1, updated_at = NOW() WHERE service_type = 'service' AND service_id = ? AND module_action = ?")
                ->execute([$serviceId, $action]);
        }
    }
}
