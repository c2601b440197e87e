<?php
/**
 * RouterBridge addon module: holds the settings (service URL and shared secret for the server module and
 * hooks.php; usage alerts and the IP cleaner, which the service reads from tbladdonmodules) and serves the
 * client page (the client's IPs, through the service's signed client routes). The service owns its own
 * schema, so activation creates no tables.
 *
 * Named routerbridgeaddon, not routerbridge: WHMCS calls <name>_clientarea here and <name>_ClientArea in the
 * server module, and PHP function names ignore case, so one name for both would be one function declared twice.
 */

if (!defined("WHMCS")) {
    die("This file cannot be accessed directly");
}

require_once __DIR__ . '/../../servers/routerbridge/lib/ServiceClient.php';

use RouterBridge\ServiceClient;

/** What a client reads when the service cannot answer; the reason goes to the module log for the admins. */
const ROUTERBRIDGEADDON_CLIENTAREA_UNAVAILABLE = 'Your IP addresses cannot be shown or changed right now: '
    . 'the network service is not available. Please try again later or contact support.';

/** Answers of the client routes whose error text is written for the client; others are the operator's business. */
const ROUTERBRIDGEADDON_CLIENTAREA_CLIENT_ERRORS = [403, 404, 409];

function routerbridgeaddon_config()
{
    return [
        'name' => 'RouterBridge',
        'description' => 'IP address management and MikroTik RouterOS provisioning through the routerbridge service.',
        'author' => 'routerbridge',
        'language' => 'english',
        'version' => '0.1.0',
        'fields' => [
            'service_url' => [
                'FriendlyName' => 'Service URL',
                'Type' => 'text',
                'Size' => '60',
                'Default' => 'http://127.0.0.1:8080',
                'Description' => 'Base URL of the routerbridge service (ROUTERBRIDGE_URL overrides it)',
            ],
            'shared_secret' => [
                'FriendlyName' => 'Shared Secret',
                'Type' => 'password',
                'Size' => '60',
                'Default' => '',
                'Description' => 'Same value as the service\'s RB_SHARED_SECRET, at least 32 characters (ROUTERBRIDGE_SECRET overrides it); to rotate it, see the service\'s RB_SHARED_SECRET_PREVIOUS',
            ],
            'usage_alert_threshold' => [
                'FriendlyName' => 'Usage Alert Threshold (%)',
                'Type' => 'text',
                'Size' => '5',
                'Default' => '90',
                'Description' => 'Email the admins (daily cron) when a pool or subnet is at least this full, 1-100; 0 or empty: no usage alerts',
            ],
            'ip_cleaner_enabled' => [
                'FriendlyName' => 'IP Cleaner',
                'Type' => 'yesno',
                'Description' => 'In the daily cron, look for IPs held by services that are no longer live and email the admins what was found',
            ],
            'ip_cleaner_behaviour' => [
                'FriendlyName' => 'IP Cleaner Behaviour',
                'Type' => 'dropdown',
                'Options' => 'notify,mark-free',
                'Default' => 'notify',
                'Description' => 'notify: report only; mark-free: release the IPs',
            ],
        ],
    ];
}

function routerbridgeaddon_activate()
{
    return [
        'status' => 'success',
        'description' => 'RouterBridge activated. Set the service URL and shared secret under Configure; '
            . 'the service creates its own tables when it starts.',
    ];
}

function routerbridgeaddon_deactivate()
{
    return [
        'status' => 'success',
        'description' => 'RouterBridge deactivated. No data was removed: IP assignments and router state stay in the service\'s tables.',
    ];
}

function routerbridgeaddon_upgrade($vars)
{
    return [
        'status' => 'success',
        'description' => 'Nothing to upgrade in WHMCS: the service migrates its own schema.',
    ];
}

/** Admin page. For now it reports whether the service answers; the admin pages come from the service later. */
function routerbridgeaddon_output($vars)
{
    $e = static fn ($text) => htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
    try {
        $client = ServiceClient::fromSettings();
        $response = $client->get('/health/ready');
        $state = $response->status === 200
            ? ['success', 'The routerbridge service at ' . $client->baseUrl() . ' is ready.']
            : ['danger', 'The routerbridge service at ' . $client->baseUrl() . ' is not ready (HTTP '
                . $response->status . ').'];
    } catch (\Throwable $ex) {
        $state = ['danger', $ex->getMessage()];
    }
    echo '<div class="routerbridge">'
        . '<div class="alert alert-' . $state[0] . '">' . $e($state[1]) . '</div>'
        . '<p>The administration pages (subnets, pools, routers, assignments) are not available in this version yet.</p>'
        . '</div>';
}

/**
 * Client page (index.php?m=routerbridgeaddon): the logged-in client's services with their IPs, and unassigning one.
 * The client id comes from the WHMCS session only; the service checks that every service asked about is
 * that client's. A POST must carry WHMCS's CSRF token ({$token}) and is checked before anything is forwarded.
 */
function routerbridgeaddon_clientarea($vars)
{
    $modulelink = (string) ($vars['modulelink'] ?? 'index.php?m=routerbridgeaddon');
    $page = [
        'pagetitle' => 'My IP Addresses',
        'breadcrumb' => [$modulelink => 'My IP Addresses'],
        'templatefile' => 'templates/clientarea',
        'requirelogin' => true,
        'vars' => [
            'modulelink' => $modulelink,
            'services' => [],
            'unassignAllowed' => false,
            'errorMessage' => '',
            'successMessage' => '',
        ],
    ];
    $client = (new \WHMCS\Authentication\CurrentUser())->client();
    $clientId = $client === null ? 0 : (int) $client->id;
    if ($clientId <= 0) {
        $page['vars']['errorMessage'] = 'Please log in and choose a client account to see its IP addresses.';
        return $page;
    }
    try {
        $service = ServiceClient::fromSettings();
    } catch (\Throwable $e) {
        routerbridgeaddon_clientarea_log('clientarea settings', [], $e->getMessage());
        $page['vars']['errorMessage'] = ROUTERBRIDGEADDON_CLIENTAREA_UNAVAILABLE;
        return $page;
    }
    $base = '/whmcs/v1/client/' . $clientId;

    if (($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'POST' && ($_POST['action'] ?? '') === 'unassign') {
        check_token('WHMCS.default');
        $serviceId = (string) ($_POST['serviceid'] ?? '');
        $assignmentId = (string) ($_POST['assignmentid'] ?? '');
        if (!ctype_digit($serviceId) || !ctype_digit($assignmentId)) {
            $page['vars']['errorMessage'] = 'That IP address could not be found; please reload the page.';
        } else {
            $path = "{$base}/services/{$serviceId}/ips/{$assignmentId}";
            $answer = routerbridgeaddon_clientarea_call($service, 'DELETE', $path);
            if ($answer === null) {
                $page['vars']['errorMessage'] = ROUTERBRIDGEADDON_CLIENTAREA_UNAVAILABLE;
            } elseif ($answer->isSuccess()) {
                $page['vars']['successMessage'] = 'IP address ' . (string) ($answer->json['address'] ?? '')
                    . ' was unassigned from service #' . $serviceId . '.';
            } else {
                $page['vars']['errorMessage'] = in_array($answer->status, ROUTERBRIDGEADDON_CLIENTAREA_CLIENT_ERRORS, true)
                    ? $answer->error() : ROUTERBRIDGEADDON_CLIENTAREA_UNAVAILABLE;
            }
        }
    }

    $list = routerbridgeaddon_clientarea_call($service, 'GET', $base . '/ips');
    if ($list !== null && $list->isSuccess()) {
        $page['vars']['services'] = is_array($list->json['services'] ?? null) ? $list->json['services'] : [];
        $page['vars']['unassignAllowed'] = ($list->json['unassignAllowed'] ?? false) === true;
    } elseif ($page['vars']['errorMessage'] === '') {
        $page['vars']['errorMessage'] = ROUTERBRIDGEADDON_CLIENTAREA_UNAVAILABLE;
    }
    return $page;
}

/** One signed call for the client page; null when the service could not be reached (logged). */
function routerbridgeaddon_clientarea_call(ServiceClient $service, string $method, string $path): ?\RouterBridge\ServiceResponse
{
    try {
        $answer = $service->send($method, $path, '');
    } catch (\Throwable $e) {
        routerbridgeaddon_clientarea_log("clientarea {$method} {$path}", [], $e->getMessage());
        return null;
    }
    if (!$answer->isSuccess()) {
        routerbridgeaddon_clientarea_log("clientarea {$method} {$path}", [], $answer->error());
    }
    return $answer;
}

/**
 * Why the client page could not be served: to the activity log, which WHMCS always keeps (the module log is off
 * unless an admin turns module debugging on), and to the module log with the request.
 */
function routerbridgeaddon_clientarea_log(string $action, array $request, string $response): void
{
    if (function_exists('logActivity')) {
        $client = (new \WHMCS\Authentication\CurrentUser())->client();
        logActivity('RouterBridge client page failed - ' . $action . ' - Error: ' . $response,
            $client === null ? 0 : (int) $client->id);
    }
    if (function_exists('logModuleCall')) {
        logModuleCall('routerbridge', $action, $request, $response, '', []);
    }
}
