<?php
// The WHMCS harness without PHPUnit, for the test bootstrap and for CLI scripts (demo, benchmark):
// the WHMCS constant, ROOTDIR, WHMCS's global functions, Capsule, $params objects, processes.

if (!defined('WHMCS')) {
    define('WHMCS', true);
}
if (!defined('ROOTDIR')) {
    define('ROOTDIR', dirname(__DIR__, 2));
}

foreach (['Whmcs', 'LegacyCipher', 'Capsule', 'WhmcsObjects', 'ParamsBuilder', 'ModuleRunner',
          'TestEnvironment', 'TestDatabase', 'ServiceProcess', 'Fixtures', 'functions',
          'Ports', 'JsonHttp', 'EmulatorControl', 'EmulatorProcess', 'RestApi', 'RouterReport', 'ClientArea',
          'ModuleSettings', 'WhmcsInstallation', 'RouterOsApi', 'BillingAutomation'] as $file) {
    require_once __DIR__ . "/{$file}.php";
}

\RouterBridge\Tests\Harness\ModuleRunner::$moduleDirs = [
    ROOTDIR . '/modules/servers',
    dirname(__DIR__) . '/fixtures/modules/servers',
];

// The server module, the addon and hooks.php in this one process, as WHMCS can hold them: a function both
// declare is a fatal error here, before any test runs.
\RouterBridge\Tests\Harness\WhmcsInstallation::loadEverything();
