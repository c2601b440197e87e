<?php
/**
 * RouterBridge hooks: each forwards its $vars, signed, to the service's hook endpoint.
 */

if (!defined("WHMCS")) {
    die("This file cannot be accessed directly");
}

require_once __DIR__ . '/../../servers/routerbridge/lib/ServiceClient.php';

/**
 * POSTs the hook's $vars to /whmcs/v1/hook/<name>.
 * @return array{ok:bool, error:string, fields:array}
 */
function routerbridge_hook_forward(string $hook, array $vars): array
{
    $request = \RouterBridge\Payload::strip($vars);
    if (isset($request['params']) && ($request['params']['moduletype'] ?? '') !== 'routerbridge') {
        // The IP manager serves products of any module: never hand another module's credentials to the service.
        unset($request['params']['password'], $request['params']['serverpassword'], $request['params']['serveraccesshash']);
    }
    $secrets = [];
    foreach (['password', 'serverpassword', 'serveraccesshash'] as $key) {
        $value = $vars['params'][$key] ?? null;
        if (is_scalar($value) && (string) $value !== '') {
            $secrets[] = (string) $value;
        }
    }
    try {
        $settings = \RouterBridge\ServiceSettings::load();
        $secrets[] = $settings->secret;
        $response = (new \RouterBridge\ServiceClient($settings->url, $settings->secret))
            ->post('/whmcs/v1/hook/' . $hook, $request);
        $outcome = ['ok' => $response->isSuccess(), 'error' => $response->error(), 'fields' => $response->extraFields()];
        $logged = $response->body;
    } catch (\Throwable $e) {
        $outcome = ['ok' => false, 'error' => $e->getMessage(), 'fields' => []];
        $logged = get_class($e) . ': ' . $e->getMessage();
    }
    if (function_exists('logModuleCall')) {
        logModuleCall('routerbridge', 'hook ' . $hook, $request, $logged, $outcome['ok'] ? 'success' : $outcome['error'],
            array_values(array_unique($secrets)));
    }
    if (!$outcome['ok'] && function_exists('logActivity')) {
        $serviceId = $vars['params']['serviceid'] ?? null;
        logActivity('RouterBridge ' . $hook . ' failed' . ($serviceId ? ' - Service ID: ' . $serviceId : '')
            . ' - Error: ' . $outcome['error'], (int) ($vars['params']['userid'] ?? 0));
    }
    return $outcome;
}

/**
 * Lets the service assign IPs before the module call; its answer's fields (e.g. dedicatedip,
 * assignedips) are merged into the module's $params. An error aborts the create.
 */
add_hook('PreModuleCreate', 1, function (array $vars) {
    $outcome = routerbridge_hook_forward('PreModuleCreate', $vars);
    if (!$outcome['ok']) {
        return ['abortcmd' => true];
    }
    return $outcome['fields'];
});

add_hook('AfterModuleCreate', 1, function (array $vars) {
    routerbridge_hook_forward('AfterModuleCreate', $vars);
});

add_hook('InvoicePaid', 1, function (array $vars) {
    routerbridge_hook_forward('InvoicePaid', $vars);
});

add_hook('DailyCronJob', 1, function ($vars) {
    routerbridge_hook_forward('DailyCronJob', is_array($vars) ? $vars : []);
});

add_hook('ClientAreaPrimarySidebar', 1, function ($primarySidebar) {
    if (!is_object($primarySidebar) || !method_exists($primarySidebar, 'addChild')
        || \WHMCS\Authentication\CurrentUser::client() === null) {
        return;
    }
    $panel = $primarySidebar->addChild('RouterBridge', [
        'label' => 'Network',
        'order' => 90,
        'icon' => 'fa-network-wired',
    ]);
    $panel->addChild('RouterBridge Overview', [
        'label' => 'IPs, VPN users and port forwards',
        'uri' => 'index.php?m=routerbridge',
        'order' => 1,
    ]);
});
