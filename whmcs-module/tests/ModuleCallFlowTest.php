<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\Whmcs;

/**
 * The harness's WHMCS call flow (reference/whmcs.md §1.4, §3), observed through the probe module,
 * which records the $params it receives and answers what the test says.
 */
final class ModuleCallFlowTest extends WhmcsTestCase
{
    private int $service;

    protected function setUp(): void
    {
        parent::setUp();
        $this->useDatabase();
        $GLOBALS['harnessprobe_calls'] = [];
        $GLOBALS['harnessprobe_answer'] = 'success';
        $this->service = Fixtures::service(Fixtures::client(), Fixtures::product('harnessprobe', ['a', 'b']),
            Fixtures::server('harnessprobe'), ['username' => 'u1', 'password' => 'pw1']);
    }

    public function testSuccessfulCreateActivatesTheServiceAndRunsTheAfterHook(): void
    {
        $after = [];
        add_hook('AfterModuleCreate', 1, function ($vars) use (&$after) {
            $after[] = $vars;
        });
        add_hook('AfterModuleCreateFailed', 1, fn () => self::fail('Failed hook must not run'));

        self::assertSame('success', ModuleRunner::callModule($this->service, 'CreateAccount'));

        self::assertSame('Active', Fixtures::serviceRow($this->service)['domainstatus']);
        self::assertCount(1, $GLOBALS['harnessprobe_calls']);
        self::assertSame('create', $GLOBALS['harnessprobe_calls'][0]['params']['action']);
        self::assertSame($this->service, $after[0]['params']['serviceid']);
        self::assertSame("Module Create Successful - Service ID: {$this->service}", Whmcs::$activityLog[0]['description']);
    }

    public function testFailureKeepsTheStatusQueuesTheActionAndRunsTheFailedHook(): void
    {
        $GLOBALS['harnessprobe_answer'] = 'router edge-1 refused the login';
        $failed = [];
        add_hook('AfterModuleCreateFailed', 1, function ($vars) use (&$failed) {
            $failed[] = $vars;
        });
        $afterRuns = 0;
        add_hook('AfterModuleCreate', 1, function () use (&$afterRuns) {
            $afterRuns++;
        });

        self::assertSame('router edge-1 refused the login', ModuleRunner::callModule($this->service, 'CreateAccount'));

        self::assertSame(0, $afterRuns);
        self::assertSame('Pending', Fixtures::serviceRow($this->service)['domainstatus']);
        self::assertSame('router edge-1 refused the login', $failed[0]['failureResponseMessage']);
        self::assertSame($this->service, $failed[0]['params']['serviceid']);
        $queue = Whmcs::pdo()->query('SELECT * FROM tblmodulequeue')->fetchAll(\PDO::FETCH_ASSOC);
        self::assertCount(1, $queue);
        self::assertSame('create', $queue[0]['module_action']);
        self::assertSame('0', (string) $queue[0]['completed']);

        $GLOBALS['harnessprobe_answer'] = 'success';
        self::assertSame('success', ModuleRunner::callModule($this->service, 'CreateAccount'));
        self::assertSame(1, $afterRuns);
        self::assertSame('1', (string) Whmcs::pdo()->query('SELECT completed FROM tblmodulequeue')->fetchColumn());
    }

    public function testAnExceptionIsTheErrorMessage(): void
    {
        $GLOBALS['harnessprobe_answer'] = new \RuntimeException('boom from module');
        self::assertSame('boom from module', ModuleRunner::callModule($this->service, 'CreateAccount'));
        self::assertSame('Pending', Fixtures::serviceRow($this->service)['domainstatus']);
    }

    public function testAFunctionTheModuleLacksIsNotSupported(): void
    {
        self::assertSame(ModuleRunner::NOT_SUPPORTED, ModuleRunner::callModule($this->service, 'ChangePassword'));
    }

    public function testPreHookValuesAreMergedIntoParamsButNotStored(): void
    {
        add_hook('PreModuleCreate', 5, fn ($vars) => ['dedicatedip' => '198.51.100.7', 'customfields' => ['vlan' => '7']]);
        add_hook('PreModuleCreate', 1, fn ($vars) => ['dedicatedip' => '198.51.100.1', 'assignedips' => "198.51.100.2\n198.51.100.3"]);
        add_hook('PreModuleCreate', 3, fn ($vars) => null);

        self::assertSame('success', ModuleRunner::callModule($this->service, 'CreateAccount'));

        $seen = $GLOBALS['harnessprobe_calls'][0]['params'];
        self::assertSame('198.51.100.7', $seen['dedicatedip'], 'the higher priority number runs later and wins');
        self::assertSame("198.51.100.2\n198.51.100.3", $seen['assignedips']);
        self::assertSame(['vlan' => '7'], $seen['customfields']);
        self::assertSame('', Fixtures::serviceRow($this->service)['dedicatedip'], 'a Pre hook return is not persisted');
    }

    public function testPreHookSeesTheParamsWrapped(): void
    {
        $seen = null;
        add_hook('PreModuleSuspend', 1, function ($vars) use (&$seen) {
            $seen = $vars;
        });
        ModuleRunner::callModule($this->service, 'SuspendAccount');
        self::assertSame(['params'], array_keys($seen));
        self::assertSame($this->service, $seen['params']['serviceid']);
        self::assertSame('Overdue on Payment', $seen['params']['suspendreason']);
    }

    public function testOnlyBooleanTrueAborts(): void
    {
        add_hook('PreModuleCreate', 1, fn () => ['abortcmd' => 'true']);
        self::assertSame('success', ModuleRunner::callModule($this->service, 'CreateAccount'));
        self::assertCount(1, $GLOBALS['harnessprobe_calls']);
    }

    public function testAbortSkipsTheModuleAndTheFailedHook(): void
    {
        add_hook('PreModuleCreate', 1, fn () => ['abortcmd' => true]);
        add_hook('PreModuleCreate', 2, fn () => ['dedicatedip' => 'never merged']);
        add_hook('AfterModuleCreateFailed', 1, fn () => self::fail('Failed hook must not run on abort'));

        self::assertSame(ModuleRunner::ABORTED, ModuleRunner::callModule($this->service, 'CreateAccount'));

        self::assertSame([], $GLOBALS['harnessprobe_calls']);
        self::assertSame('Pending', Fixtures::serviceRow($this->service)['domainstatus']);
        self::assertSame(0, (int) Whmcs::pdo()->query('SELECT COUNT(*) FROM tblmodulequeue')->fetchColumn());
    }

    public function testStatusTransitionsOfTheLifecycle(): void
    {
        ModuleRunner::callModule($this->service, 'CreateAccount');
        self::assertSame('success', ModuleRunner::callModule($this->service, 'SuspendAccount', ['suspendreason' => 'Abuse']));
        $row = Fixtures::serviceRow($this->service);
        self::assertSame(['Suspended', 'Abuse'], [$row['domainstatus'], $row['suspendreason']]);

        self::assertSame('success', ModuleRunner::callModule($this->service, 'UnsuspendAccount'));
        $row = Fixtures::serviceRow($this->service);
        self::assertSame(['Active', ''], [$row['domainstatus'], $row['suspendreason']]);

        ModuleRunner::callModule($this->service, 'SuspendAccount');
        self::assertSame('', Fixtures::serviceRow($this->service)['suspendreason'], "'Overdue on Payment' is stored as ''");

        self::assertSame('success', ModuleRunner::callModule($this->service, 'TerminateAccount'));
        $row = Fixtures::serviceRow($this->service);
        self::assertSame(['Terminated', date('Y-m-d')], [$row['domainstatus'], $row['termination_date']]);
        self::assertSame(['CreateAccount', 'SuspendAccount', 'UnsuspendAccount', 'SuspendAccount', 'TerminateAccount'],
            array_column($GLOBALS['harnessprobe_calls'], 'function'));
    }

    public function testTerminateRunsItsAfterHookOnceTheServiceIsTerminatedAndOnlyOnSuccess(): void
    {
        ModuleRunner::callModule($this->service, 'CreateAccount');
        $seen = [];
        add_hook('AfterModuleTerminate', 1, function ($vars) use (&$seen) {
            $seen[] = ['after', $vars['params']['serviceid'], Fixtures::serviceRow($vars['params']['serviceid'])['domainstatus']];
        });
        add_hook('AfterModuleTerminateFailed', 1, function ($vars) use (&$seen) {
            $seen[] = ['failed', $vars['params']['serviceid'], $vars['failureResponseMessage']];
        });

        $GLOBALS['harnessprobe_answer'] = 'node offline';
        self::assertSame('node offline', ModuleRunner::callModule($this->service, 'TerminateAccount'));
        $GLOBALS['harnessprobe_answer'] = 'success';
        self::assertSame('success', ModuleRunner::callModule($this->service, 'TerminateAccount'));

        self::assertSame([['failed', $this->service, 'node offline'], ['after', $this->service, 'Terminated']], $seen,
            'the After hook runs after tblhosting says Terminated, and not when the module failed');
        self::assertSame('terminate', $GLOBALS['harnessprobe_calls'][2]['params']['action']);
    }

    public function testCreateGeneratesMissingCredentialsAndStoresThemEncrypted(): void
    {
        $service = Fixtures::service(Fixtures::client(), Fixtures::product('harnessprobe'), 0, ['domain' => 'Shop-42.example.test']);
        ModuleRunner::callModule($service, 'CreateAccount');
        $seen = $GLOBALS['harnessprobe_calls'][0]['params'];
        self::assertSame('shopexam', $seen['username']);
        self::assertGreaterThanOrEqual(12, strlen($seen['password']));
        $row = Fixtures::serviceRow($service);
        self::assertSame('shopexam', $row['username']);
        self::assertNotSame($seen['password'], $row['password']);
        self::assertSame($seen['password'], decrypt($row['password']));
    }
}
