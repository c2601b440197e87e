<?php

namespace RouterBridge\Tests\Harness;

/**
 * One WHMCS PHP process with every routerbridge file loaded, as a real request can have them: the server
 * module (module calls, product settings), the addon (its pages; the admin area loads every active addon)
 * and the addon's hooks.php (every page). PHP function names are case-insensitive and global, so two files
 * declaring the same function make the process die, here as in WHMCS; load.php loads all of them first so
 * such a clash stops the whole test run.
 */
final class WhmcsInstallation
{
    public const SERVER_MODULE = 'routerbridge';
    public const ADDON_MODULE = 'routerbridgeaddon';

    /** @var array<string, list<string>> the functions each file declared, lowercased as PHP keeps them */
    private static array $declared = [];

    /** Functions WHMCS looks up by name in a server module (developer docs, provisioning-modules). */
    public const SERVER_MODULE_FUNCTIONS = ['MetaData', 'ConfigOptions', 'CreateAccount', 'SuspendAccount',
        'UnsuspendAccount', 'TerminateAccount', 'ChangePackage', 'ChangePassword', 'Renew', 'TestConnection',
        'UsageUpdate', 'ClientArea', 'AdminServicesTabFields', 'AdminServicesTabFieldsSave', 'AdminCustomButtonArray',
        'ClientAreaCustomButtonArray', 'ClientAreaAllowedFunctions', 'ServiceSingleSignOn', 'AdminSingleSignOn',
        'AdminLink', 'LoginLink', 'ListAccounts', 'CustomActions', 'GetUserCount'];

    public static function loadEverything(): void
    {
        self::record('server module', static fn () => ModuleRunner::load(self::SERVER_MODULE));
        self::record('addon', static fn () => require_once self::addonFile());
        self::record('hooks', static fn () => Whmcs::loadHooksFile(self::hooksFile()));
        Whmcs::reset();
    }

    public static function addonFile(): string
    {
        return ROOTDIR . '/modules/addons/' . self::ADDON_MODULE . '/' . self::ADDON_MODULE . '.php';
    }

    public static function hooksFile(): string
    {
        return ROOTDIR . '/modules/addons/' . self::ADDON_MODULE . '/hooks.php';
    }

    /** @return list<string> the functions the file declared (lowercase) */
    public static function declaredBy(string $what): array
    {
        return self::$declared[$what] ?? [];
    }

    private static function record(string $what, callable $load): void
    {
        $before = get_defined_functions()['user'];
        $load();
        self::$declared[$what] = array_values(array_diff(get_defined_functions()['user'], $before));
    }
}
