<?php

namespace RouterBridge\Tests\Harness;

/** Where WHMCS's check_token() stops the page ("Invalid CSRF Protection Token"); the harness throws this instead. */
final class CsrfRejected extends \RuntimeException
{
}

/** What one client-area request produced. */
final class ClientAreaPage
{
    public function __construct(
        public readonly ?array $returned,
        public readonly ?string $html,
        public readonly ?string $halted,
        public readonly bool $loginShown
    ) {
    }

    /** The template variables the addon returned. */
    public function vars(): array
    {
        return $this->returned['vars'] ?? [];
    }
}

/**
 * WHMCS's client area for an addon page (index.php?m=<addon>, reference/whmcs-ui-and-jobs.md §1.2): the
 * logged-in client account in CurrentUser, the session's CSRF token, the request's POST fields,
 * <addon>_clientarea($vars) with the $vars WHMCS builds, and the returned templatefile rendered by Smarty 3
 * with WHMCS's global template variables ({$token}, {$WEB_ROOT}, {$template}, {$loggedin}, {$client}, ...).
 * Like WHMCS, nothing is escaped for the template.
 */
final class ClientArea
{
    /** Debian's smarty3 package; RB_SMARTY_CLASS names Smarty.class.php elsewhere. */
    public const SMARTY = '/usr/share/php/smarty3/Smarty.class.php';

    /** The CSRF token of the emulated session; {$token} in templates. */
    public static string $sessionToken = '';

    /** A new browser session: a new CSRF token. */
    public static function newSession(): void
    {
        self::$sessionToken = bin2hex(random_bytes(20));
    }

    /**
     * One request to index.php?m=$addon by $clientId (null: a visitor), as GET or, with $post, as POST.
     */
    public static function request(string $addon, ?int $clientId, ?array $post = null): ClientAreaPage
    {
        if (self::$sessionToken === '') {
            self::newSession();
        }
        $file = ROOTDIR . "/modules/addons/{$addon}/{$addon}.php";
        require_once $file;
        $client = $clientId === null ? null : new \WHMCS\User\Client(['id' => $clientId]);
        \WHMCS\Authentication\CurrentUser::$loggedInClient = $client;
        $saved = [$_SERVER['REQUEST_METHOD'] ?? null, $_POST, $_GET, $_REQUEST];
        $_SERVER['REQUEST_METHOD'] = $post === null ? 'GET' : 'POST';
        $_GET = ['m' => $addon];
        $_POST = $post ?? [];
        $_REQUEST = $_GET + $_POST;
        try {
            $returned = call_user_func("{$addon}_clientarea", self::vars($addon));
        } catch (CsrfRejected $e) {
            return new ClientAreaPage(null, null, $e->getMessage(), false);
        } finally {
            [$_SERVER['REQUEST_METHOD'], $_POST, $_GET, $_REQUEST] = $saved;
        }
        if (!is_array($returned)) {
            throw new \UnexpectedValueException("{$addon}_clientarea must return an array, got " . gettype($returned));
        }
        if (($returned['requirelogin'] ?? false) === true && $client === null) {
            return new ClientAreaPage($returned, null, null, true);
        }
        return new ClientAreaPage($returned, self::render($addon, $returned, $client), null, false);
    }

    /** WHMCS's check_token(): the POSTed token must be the session's. */
    public static function checkToken(string $namespace): void
    {
        $sent = $_POST['token'] ?? null;
        if (!is_string($sent) || self::$sessionToken === '' || !hash_equals(self::$sessionToken, $sent)) {
            throw new CsrfRejected('Invalid CSRF Protection Token');
        }
    }

    /** $vars of an addon's client page: module, modulelink and the addon's settings (tbladdonmodules). */
    private static function vars(string $addon): array
    {
        $vars = ['module' => $addon, 'modulelink' => "index.php?m={$addon}", '_lang' => []];
        if (Whmcs::tableExists('tbladdonmodules')) {
            $rows = Whmcs::pdo()->prepare('SELECT setting, value FROM tbladdonmodules WHERE module = ?');
            $rows->execute([$addon]);
            foreach ($rows->fetchAll(\PDO::FETCH_KEY_PAIR) as $setting => $value) {
                $vars[$setting] = $value;
            }
        }
        return $vars;
    }

    private static function render(string $addon, array $returned, ?\WHMCS\User\Client $client): string
    {
        $smartyClass = getenv('RB_SMARTY_CLASS') ?: self::SMARTY;
        if (!is_file($smartyClass)) {
            throw new \RuntimeException("Smarty 3 is missing ({$smartyClass}): apt-get install smarty3 (scripts/test.sh "
                . 'installs it) or set RB_SMARTY_CLASS to its Smarty.class.php');
        }
        require_once $smartyClass;
        $directory = ROOTDIR . "/modules/addons/{$addon}";
        $compiled = sys_get_temp_dir() . '/routerbridge-smarty-' . getmypid();
        $smarty = new \Smarty();
        $smarty->setTemplateDir($directory);
        $smarty->setCompileDir($compiled);
        $smarty->setCacheDir($compiled);
        $smarty->assign([
            'WEB_ROOT' => '',
            'template' => 'six',
            'token' => self::$sessionToken,
            'loggedin' => $client !== null,
            'client' => $client,
            'language' => 'english',
            'LANG' => [],
        ]);
        $smarty->assign($returned['vars'] ?? []);
        // Smarty 3.1 itself creates dynamic properties, which PHP 8.2 reports as deprecated; only those are muted.
        $reporting = error_reporting(error_reporting() & ~E_DEPRECATED);
        try {
            return $smarty->fetch($directory . '/' . $returned['templatefile'] . '.tpl');
        } finally {
            error_reporting($reporting);
        }
    }
}
