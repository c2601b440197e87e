<?php
/**
 * RouterBridge addon module: holds the service URL and shared secret the server module and hooks.php
 * use, and (later) proxies the service's admin and client pages. The service owns its own schema, so
 * activation creates no tables.
 */

if (!defined("WHMCS")) {
    die("This file cannot be accessed directly");
}

require_once __DIR__ . '/../../servers/routerbridge/lib/ServiceClient.php';

use RouterBridge\ServiceClient;

function routerbridge_config()
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
                'Description' => 'Same value as the service\'s RB_SHARED_SECRET, at least 32 characters (ROUTERBRIDGE_SECRET overrides it)',
            ],
            'usage_alert_threshold' => [
                'FriendlyName' => 'Usage Alert Threshold (%)',
                'Type' => 'text',
                'Size' => '5',
                'Default' => '90',
                'Description' => 'Email the admins when a subnet or pool is fuller than this',
            ],
            'ip_cleaner_enabled' => [
                'FriendlyName' => 'IP Cleaner',
                'Type' => 'yesno',
                'Description' => 'Look for IPs held by services that no longer need them in the daily cron',
            ],
            'ip_cleaner_behaviour' => [
                'FriendlyName' => 'IP Cleaner Behaviour',
                'Type' => 'dropdown',
                'Options' => 'notify,mark-free',
                'Default' => 'notify',
                'Description' => 'notify: report only; mark-free: release the IPs',
            ],
            'use_custom_field' => [
                'FriendlyName' => 'Use Custom Field Instead Of Assigned IPs',
                'Type' => 'yesno',
                'Description' => 'Write additional IPs to a product custom field when a configuration asks for it',
            ],
        ],
    ];
}

function routerbridge_activate()
{
    return [
        'status' => 'success',
        'description' => 'RouterBridge activated. Set the service URL and shared secret under Configure; '
            . 'the service creates its own tables when it starts.',
    ];
}

function routerbridge_deactivate()
{
    return [
        'status' => 'success',
        'description' => 'RouterBridge deactivated. No data was removed: IP assignments and router state stay in the service\'s tables.',
    ];
}

function routerbridge_upgrade($vars)
{
    return [
        'status' => 'success',
        'description' => 'Nothing to upgrade in WHMCS: the service migrates its own schema.',
    ];
}

/** Admin page. For now it reports whether the service answers; the admin pages come from the service later. */
function routerbridge_output($vars)
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

/** Client page. Not implemented yet, and it says so. */
function routerbridge_clientarea($vars)
{
    return [
        'pagetitle' => 'Network',
        'breadcrumb' => ['index.php?m=routerbridge' => 'Network'],
        'templatefile' => 'templates/clientarea',
        'requirelogin' => true,
        'vars' => [
            'message' => 'IP addresses, VPN users and port forwards will be managed here; this page is not available yet.',
        ],
    ];
}
