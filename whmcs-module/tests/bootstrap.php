<?php
// Emulates the WHMCS runtime a module sees: the WHMCS constant, ROOTDIR, WHMCS's global functions,
// Capsule and the objects found in $params, backed by a real MariaDB when RB_TEST_DB_* are set.

error_reporting(E_ALL);

require_once __DIR__ . '/harness/load.php';
require_once __DIR__ . '/WhmcsTestCase.php';
