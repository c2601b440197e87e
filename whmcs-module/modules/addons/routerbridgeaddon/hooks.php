<?php
/**
 * RouterBridge hooks: each forwards its $vars, signed, to the service's hook endpoint. WHMCS loads this file
 * on every page, together with whichever module files the request needs, so every function here carries the
 * addon's prefix (routerbridgeaddon_), never the server module's (routerbridge_).
 */

if (!defined("WHMCS")) {
    die("This file cannot be accessed directly");
}

require_once __DIR__ . '/../../servers/routerbridge/lib/ServiceClient.php';

use WHMCS\Database\Capsule;

/** The server module whose products get their addresses (and everything else) from the service. */
const ROUTERBRIDGEADDON_SERVER_MODULE = 'routerbridge';

/**
 * POSTs the hook's $vars to /whmcs/v1/hook/<name>; another module's credentials are never sent.
 * @return array{ok:bool, error:string, fields:array, status:int}
 */
function routerbridgeaddon_hook_forward(string $hook, array $vars): array
{
    $request = $vars;
    if (isset($request['params']) && is_array($request['params'])
        && ($request['params']['moduletype'] ?? '') !== ROUTERBRIDGEADDON_SERVER_MODULE) {
        // The IP manager serves products of any module: never hand another module's credentials to the service.
        foreach (\RouterBridge\Forwarder::SECRET_KEYS as $key) {
            unset($request['params'][$key]);
        }
    }
    $params = is_array($vars['params'] ?? null) ? $vars['params'] : [];
    return \RouterBridge\Forwarder::forward('/whmcs/v1/hook/' . $hook, $request,
        \RouterBridge\Forwarder::secretValues($params), 'hook ' . $hook);
}

/** Writes "RouterBridge <hook> failed - Service ID: N - Error: ...[ - consequence]" to WHMCS's activity log. */
function routerbridgeaddon_log_failure(string $hook, array $params, string $error, string $consequence = ''): void
{
    if (!function_exists('logActivity')) {
        return;
    }
    $serviceId = $params['serviceid'] ?? null;
    logActivity('RouterBridge ' . $hook . ' failed' . ($serviceId ? ' - Service ID: ' . $serviceId : '')
        . ' - Error: ' . $error . ($consequence === '' ? '' : ' - ' . $consequence), (int) ($params['userid'] ?? 0));
}

/** Forwards a hook whose answer WHMCS ignores; a failure goes to the activity log. */
function routerbridgeaddon_hook_notify(string $hook, array $vars): array
{
    $outcome = routerbridgeaddon_hook_forward($hook, $vars);
    if (!$outcome['ok']) {
        routerbridgeaddon_log_failure($hook, is_array($vars['params'] ?? null) ? $vars['params'] : [], $outcome['error']);
    }
    return $outcome;
}

/**
 * True when the service looked at the request and said no (e.g. 409: the related pool is full), as opposed to
 * not being asked at all: not configured, unreachable, wrong shared secret (401) or failing itself (5xx).
 */
function routerbridgeaddon_service_refused(int $status): bool
{
    return $status >= 400 && $status < 500 && $status !== 401;
}

/**
 * Lets the service assign IPs before the module call; its answer's fields (dedicatedip, assignedips) are merged
 * into the module's $params. WHMCS aborts the create only for a strict ['abortcmd' => true], and then runs no
 * module and shows only its generic "Function Aborted by Action Hook Code", so the reason goes to the activity
 * log. We abort only for products that depend on us: routerbridge's own, and any product the service refused
 * (it answered, so a related pool could not serve it). When the service cannot be asked, another module's
 * product (a cPanel account, a VPS) is created as usual and the activity log says so.
 */
add_hook('PreModuleCreate', 1, function (array $vars) {
    $params = is_array($vars['params'] ?? null) ? $vars['params'] : [];
    $outcome = routerbridgeaddon_hook_forward('PreModuleCreate', $vars);
    if ($outcome['ok']) {
        return $outcome['fields'];
    }
    $ours = ($params['moduletype'] ?? '') === ROUTERBRIDGEADDON_SERVER_MODULE;
    if ($ours || routerbridgeaddon_service_refused($outcome['status'])) {
        routerbridgeaddon_log_failure('PreModuleCreate', $params, $outcome['error'],
            'Create aborted: RouterBridge could not assign the IP addresses this product takes from it');
        return ['abortcmd' => true];
    }
    routerbridgeaddon_log_failure('PreModuleCreate', $params, $outcome['error'],
        'Create continues without IP addresses from RouterBridge; if this product takes addresses from a RouterBridge pool, assign them once the service is back');
    return null;
});

add_hook('AfterModuleCreate', 1, function (array $vars) {
    routerbridgeaddon_hook_notify('AfterModuleCreate', $vars);
});

/**
 * WHMCS terminated a service (it runs this only after the module's TerminateAccount succeeded): the service
 * releases the addresses a product of another module got at PreModuleCreate. routerbridge's own products
 * released theirs in TerminateAccount, so for them this is a no-op.
 */
add_hook('AfterModuleTerminate', 1, function (array $vars) {
    routerbridgeaddon_hook_notify('AfterModuleTerminate', $vars);
});

/**
 * End of WHMCS's daily cron, which ignores what hooks answer: the service evaluates usage alerts and runs the IP
 * cleaner with the addon's settings, and answers what to tell the admins. Each alert is mailed here through
 * localAPI SendAdminEmail, and only the alerts WHMCS accepted are reported back as mailed; the others are
 * handed out again next time.
 */
add_hook('DailyCronJob', 1, function ($vars) {
    $outcome = routerbridgeaddon_hook_notify('DailyCronJob', []);
    if (!$outcome['ok']) {
        return;
    }
    $mailed = [];
    foreach ((array) ($outcome['fields']['alerts'] ?? []) as $alert) {
        if (routerbridgeaddon_mail_admins((string) ($alert['subject'] ?? ''), (string) ($alert['message'] ?? ''))) {
            $mailed[] = (int) ($alert['id'] ?? 0);
        }
    }
    $cleaner = (array) ($outcome['fields']['cleaner'] ?? []);
    if ((int) ($cleaner['found'] ?? 0) > 0) {
        routerbridgeaddon_mail_admins('IP cleaner: ' . (int) $cleaner['found'] . ' address(es) held by services that no longer need them',
            routerbridgeaddon_cleaner_text($cleaner));
    }
    if ($mailed !== []) {
        routerbridgeaddon_hook_notify('UsageAlertsMailed', ['alertIds' => $mailed]);
    }
});

/** One admin notification through WHMCS's mail; false (and an activity-log line) when WHMCS refused it. */
function routerbridgeaddon_mail_admins(string $subject, string $text): bool
{
    $answer = localAPI('SendAdminEmail', [
        'customsubject' => 'RouterBridge: ' . $subject,
        'custommessage' => nl2br(htmlspecialchars($text, ENT_QUOTES, 'UTF-8')),
        'type' => 'system',
    ]);
    if (($answer['result'] ?? '') === 'success') {
        return true;
    }
    if (function_exists('logActivity')) {
        logActivity('RouterBridge could not mail the admins "' . $subject . '" - Error: ' . (string) ($answer['message'] ?? 'no answer'));
    }
    return false;
}

function routerbridgeaddon_cleaner_text(array $cleaner): string
{
    $lines = ['Mode: ' . (string) ($cleaner['mode'] ?? '') . ', released: ' . (int) ($cleaner['released'] ?? 0)];
    foreach ((array) ($cleaner['items'] ?? []) as $item) {
        $lines[] = (string) ($item['address'] ?? '') . ' - service #' . (int) ($item['serviceId'] ?? 0)
            . ' (' . (string) ($item['serviceStatus'] ?? '') . ')' . (($item['released'] ?? false) ? ' - released' : '');
    }
    return implode("\n", $lines);
}

/**
 * The "Network" panel with the link to the client page, for a logged-in client account that holds addresses
 * from us. CurrentUser is used as the documented instance; the icon is the whole class attribute in WHMCS's
 * sidebar templates, so it carries Font Awesome 5's style prefix.
 */
add_hook('ClientAreaPrimarySidebar', 1, function ($primarySidebar) {
    if (!is_object($primarySidebar) || !method_exists($primarySidebar, 'addChild')) {
        return;
    }
    $client = (new \WHMCS\Authentication\CurrentUser())->client();
    if ($client === null || !routerbridgeaddon_client_has_addresses((int) $client->id)) {
        return;
    }
    $panel = $primarySidebar->addChild('RouterBridge', [
        'label' => 'Network',
        'order' => 90,
        'icon' => 'fas fa-network-wired',
    ]);
    $panel->addChild('RouterBridge Overview', [
        'label' => 'My IP addresses',
        'uri' => 'index.php?m=routerbridgeaddon',
        'order' => 1,
    ]);
});

/** Whether the client has a live service of routerbridge's products or one with IP addresses written in WHMCS. */
function routerbridgeaddon_client_has_addresses(int $clientId): bool
{
    if ($clientId <= 0 || !class_exists(Capsule::class)) {
        return false;
    }
    $products = [];
    $services = Capsule::table('tblhosting')->where('userid', $clientId)->whereIn('domainstatus', ['Active', 'Suspended'])
        ->get(['packageid', 'dedicatedip', 'assignedips']);
    foreach ($services as $service) {
        if (trim((string) $service->dedicatedip) !== '' || trim((string) $service->assignedips) !== '') {
            return true;
        }
        $products[] = (int) $service->packageid;
    }
    return $products !== []
        && Capsule::table('tblproducts')->whereIn('id', $products)->where('servertype', ROUTERBRIDGEADDON_SERVER_MODULE)->exists();
}
