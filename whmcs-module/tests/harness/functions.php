<?php
// WHMCS's global functions a module may call, backed by the harness.

use RouterBridge\Tests\Harness\LegacyCipher;
use RouterBridge\Tests\Harness\Whmcs;

function logModuleCall($module, $action, $requestString, $responseData, $processedData = '', $replaceVars = [])
{
    Whmcs::logModuleCall((string) $module, (string) $action, $requestString, $responseData, $processedData, (array) $replaceVars);
}

function logActivity($message, $userId = 0)
{
    Whmcs::logActivity((string) $message, (int) $userId);
}

function add_hook($hookPoint, $priority, $callback, $rollback = '')
{
    Whmcs::addHook((string) $hookPoint, (int) $priority, $callback);
}

function run_hook($hookPoint, $args, $unpack = false)
{
    return Whmcs::runHook((string) $hookPoint, $args, (bool) $unpack);
}

function localAPI($command, $values = [], $adminUser = '')
{
    return Whmcs::localApi((string) $command, (array) $values, (string) $adminUser);
}

function encrypt($string)
{
    return LegacyCipher::encrypt((string) $string, Whmcs::$ccEncryptionHash);
}

function decrypt($string)
{
    return LegacyCipher::decrypt((string) $string, Whmcs::$ccEncryptionHash);
}

function check_token($namespace = 'WHMCS.default', $allowGet = false)
{
    \RouterBridge\Tests\Harness\ClientArea::checkToken((string) $namespace);
}
