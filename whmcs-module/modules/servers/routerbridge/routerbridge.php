<?php
/**
 * RouterBridge provisioning module: forwards every WHMCS call, signed, to the routerbridge service,
 * which does all the work. This file holds no business logic.
 */

if (!defined("WHMCS")) {
    die("This file cannot be accessed directly");
}

require_once __DIR__ . '/lib/ServiceClient.php';

use RouterBridge\Forwarder;

function routerbridge_MetaData()
{
    return [
        'DisplayName' => 'RouterBridge (MikroTik RouterOS)',
        'APIVersion' => '1.1',
        'RequiresServer' => true,
        'DefaultNonSSLPort' => '8728',
        'DefaultSSLPort' => '8729',
    ];
}

/**
 * Stored positionally in tblproducts.configoption1..N: never reorder, only append. Every option is marked
 * SimpleMode: WHMCS calls a Loader only for SimpleMode fields (in simple mode, the tab's default), and once one
 * field is marked, simple mode hides the unmarked ones.
 */
function routerbridge_ConfigOptions()
{
    return [
        'Mode' => [ // configoption1
            'Type' => 'dropdown',
            'SimpleMode' => true,
            'Options' => 'vpn-nat,pppoe,static',
            'Default' => 'vpn-nat',
            'Description' => 'vpn-nat: tenant with public IP, NAT and VPN users; pppoe / static: ISP subscriber',
        ],
        'WAN Interface' => [ // configoption2
            'Type' => 'text',
            'SimpleMode' => true,
            'Size' => '20',
            'Default' => 'ether1',
            'Description' => 'Router interface that carries the public IPs',
        ],
        'Rate Limit' => [ // configoption3
            'Type' => 'text',
            'SimpleMode' => true,
            'Size' => '20',
            'Default' => '',
            'Description' => 'RouterOS max-limit upload/download, e.g. 10M/50M (empty: unlimited)',
        ],
        'PPP Profile' => [ // configoption4
            'Type' => 'text',
            'SimpleMode' => true,
            'Size' => '25',
            'Default' => 'default',
            'Loader' => 'routerbridge_LoadPppProfiles',
            'Description' => 'PPP profile on the router (pppoe mode and VPN users)',
        ],
        'VPN Service Types' => [ // configoption5
            'Type' => 'text',
            'SimpleMode' => true,
            'Size' => '30',
            'Default' => 'l2tp',
            'Description' => 'Comma-separated PPP services for VPN users: any, l2tp, pptp, sstp, ovpn, pppoe',
        ],
        'Max VPN Users' => [ // configoption6
            'Type' => 'text',
            'SimpleMode' => true,
            'Size' => '5',
            'Default' => '5',
            'Description' => 'VPN users a client may create (vpn-nat)',
        ],
        'Private Subnet Size' => [ // configoption7
            'Type' => 'dropdown',
            'SimpleMode' => true,
            'Options' => '30,29,28,27,26,25,24',
            'Default' => '29',
            'Description' => 'Prefix length of the tenant\'s private subnet (vpn-nat)',
        ],
        'Port Forward Quota' => [ // configoption8
            'Type' => 'text',
            'SimpleMode' => true,
            'Size' => '5',
            'Default' => '10',
            'Description' => 'Port forwards a client may create (vpn-nat)',
        ],
        'Allowed Port Range' => [ // configoption9
            'Type' => 'text',
            'SimpleMode' => true,
            'Size' => '15',
            'Default' => '1024-65535',
            'Description' => 'Public ports clients may forward, e.g. 1024-65535',
        ],
        'Disconnect Profile' => [ // configoption10
            'Type' => 'text',
            'SimpleMode' => true,
            'Size' => '25',
            'Default' => 'disconnect',
            'Description' => 'PPP profile given to expired subscribers (pppoe)',
        ],
        // configoption11 was "Grace Days". WHMCS decides when an overdue service is suspended (Automation Settings >
        // Suspend Days, and the service's Override Auto-Suspend), so the option is retired and read by nothing. The
        // slot stays: products keep their stored value there, and an option appended later must not inherit it.
        'Retired (was Grace Days)' => [ // configoption11
            'Type' => 'text',
            'Size' => '5',
            'Default' => '',
            'Description' => 'Not used. Overdue services are suspended by WHMCS: Setup > Automation Settings > Suspend Days',
        ],
    ];
}

function routerbridge_CreateAccount(array $params)
{
    return routerbridge_forward('CreateAccount', $params);
}

function routerbridge_SuspendAccount(array $params)
{
    return routerbridge_forward('SuspendAccount', $params);
}

function routerbridge_UnsuspendAccount(array $params)
{
    return routerbridge_forward('UnsuspendAccount', $params);
}

function routerbridge_TerminateAccount(array $params)
{
    return routerbridge_forward('TerminateAccount', $params);
}

function routerbridge_ChangePackage(array $params)
{
    return routerbridge_forward('ChangePackage', $params);
}

function routerbridge_ChangePassword(array $params)
{
    return routerbridge_forward('ChangePassword', $params);
}

function routerbridge_TestConnection(array $params)
{
    $result = routerbridge_forward('TestConnection', $params);
    return $result === 'success'
        ? ['success' => true, 'error' => '']
        : ['success' => false, 'error' => $result];
}

/**
 * Loader of the "PPP Profile" option: the router's /ppp/profile names, listed by the service.
 * WHMCS shows the exception's message when a loader throws.
 */
function routerbridge_LoadPppProfiles(array $params)
{
    $answer = routerbridge_call('LoadPppProfiles', $params);
    if ($answer['result'] !== 'success') {
        throw new \Exception($answer['result']);
    }
    $profiles = [];
    foreach ((array) ($answer['fields']['profiles'] ?? []) as $name) {
        $profiles[(string) $name] = (string) $name;
    }
    return $profiles;
}

/** Sends $params to the service's module endpoint; 'success' only when the service said so. */
function routerbridge_forward(string $function, array $params): string
{
    return routerbridge_call($function, $params)['result'];
}

/**
 * @return array{result:string, fields:array} result is 'success' or the error text for WHMCS;
 *         fields are the service's extra answer fields.
 */
function routerbridge_call(string $function, array $params): array
{
    $outcome = Forwarder::forward('/whmcs/v1/module/' . rawurlencode($function), $params, Forwarder::secretValues($params), $function);
    return ['result' => $outcome['ok'] ? 'success' : $outcome['error'], 'fields' => $outcome['fields']];
}
