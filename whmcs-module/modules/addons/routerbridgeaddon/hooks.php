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
    $request = $vars;
    if (isset($request['params']) && is_array($request['params']) && ($request['params']['moduletype'] ?? '') !== 'routerbridge') {
        // The IP manager serves products of any module: never hand another module's credentials to the service.
        foreach (\RouterBridge\Forwarder::SECRET_KEYS as $key) {
            unset($request['params'][$key]);
        }
    }
    $params = is_array($vars['params'] ?? null) ? $vars['params'] : [];
    $outcome = \RouterBridge\Forwarder::forward('/whmcs/v1/hook/' . $hook, $request,
        \RouterBridge\Forwarder::secretValues($params), 'hook ' . $hook);
    if (!$outcome['ok'] && function_exists('logActivity')) {
        $serviceId = $params['serviceid'] ?? null;
        logActivity('RouterBridge ' . $hook . ' failed' . ($serviceId ? ' - Service ID: ' . $serviceId : '')
            . ' - Error: ' . $outcome['error'], (int) ($params['userid'] ?? 0));
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

/**
 * WHMCS terminated a service (it runs this only after the module's TerminateAccount succeeded): the service
 * releases the addresses a product of another module got at PreModuleCreate. routerbridge's own products
 * released theirs in TerminateAccount, so for them this is a no-op.
 */
add_hook('AfterModuleTerminate', 1, function (array $vars) {
    routerbridge_hook_forward('AfterModuleTerminate', $vars);
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
        'label' => 'My IP addresses',
        'uri' => 'index.php?m=routerbridge',
        'order' => 1,
    ]);
});
