<?php
// Emulates the WHMCS runtime a module sees: the WHMCS constant, ROOTDIR, WHMCS's global functions,
// Capsule and the objects found in $params, backed by a real MariaDB when RB_TEST_DB_* are set.

define('WHMCS', true);
define('ROOTDIR', dirname(__DIR__));

error_reporting(E_ALL);

foreach (['Whmcs', 'LegacyCipher', 'Capsule', 'WhmcsObjects', 'ParamsBuilder', 'ModuleRunner',
          'TestEnvironment', 'TestDatabase', 'ServiceProcess', 'Fixtures', 'functions',
          'Ports', 'JsonHttp', 'EmulatorControl', 'EmulatorProcess', 'RestApi'] as $file) {
    require_once __DIR__ . "/harness/{$file}.php";
}
require_once __DIR__ . '/WhmcsTestCase.php';

\RouterBridge\Tests\Harness\ModuleRunner::$moduleDirs = [
    ROOTDIR . '/modules/servers',
    __DIR__ . '/fixtures/modules/servers',
];
