<?php

namespace RouterBridge\Tests\Harness;

/**
 * Builds a module's $params from the WHMCS tables the way WHMCS does (reference/whmcs.md §1.3).
 */
final class ParamsBuilder
{
    public static function forService(int $serviceId): array
    {
        $service = self::row('SELECT * FROM tblhosting WHERE id = ?', [$serviceId]);
        if ($service === null) {
            throw new \RuntimeException("Service ID not found: {$serviceId}");
        }
        $product = self::row('SELECT * FROM tblproducts WHERE id = ?', [$service['packageid']]) ?? [];
        $moduleName = (string) ($product['servertype'] ?? '');
        $params = [
            'accountid' => (int) $service['id'],
            'serviceid' => (int) $service['id'],
            'addonId' => 0,
            'userid' => (int) $service['userid'],
            'domain' => (string) $service['domain'],
            'username' => self::decode((string) $service['username']),
            'password' => self::decode(decrypt((string) $service['password'])),
            'packageid' => (int) $service['packageid'],
            'pid' => (int) $service['packageid'],
            'serverid' => (int) $service['server'],
            'status' => (string) $service['domainstatus'],
            'qty' => (int) ($service['qty'] ?? 1),
            'type' => (string) ($product['type'] ?? ''),
            'producttype' => (string) ($product['type'] ?? ''),
            'moduletype' => $moduleName,
        ];
        for ($i = 1; $i <= 24; $i++) {
            $params["configoption{$i}"] = (string) ($product["configoption{$i}"] ?? '');
        }
        $params['customfields'] = self::customFields((int) $service['packageid'], (int) $service['id']);
        $params['configoptions'] = self::configOptions((int) $service['packageid'], (int) $service['id']);
        $params['model'] = new \WHMCS\Service\Service($service);
        $params += self::forServer((int) $service['server'], $moduleName);
        $params['clientsdetails'] = self::clientDetails((int) $service['userid']);
        return $params;
    }

    /** The server part of $params (getServerParams); every key empty when no server is assigned. */
    public static function forServer(int $serverId, string $moduleName): array
    {
        $server = $serverId > 0 ? self::row('SELECT * FROM tblservers WHERE id = ?', [$serverId]) : null;
        if ($server === null) {
            return ['server' => false, 'serverip' => '', 'serverhostname' => '', 'serverusername' => '',
                'serverpassword' => '', 'serveraccesshash' => '', 'serversecure' => false,
                'serverhttpprefix' => '', 'serverport' => ''];
        }
        $secure = !in_array((string) $server['secure'], ['', '0', 'off'], true);
        $port = (int) ($server['port'] ?? 0);
        if ($port <= 0) {
            $meta = ModuleRunner::metaData($moduleName);
            $port = (int) ($secure ? ($meta['DefaultSSLPort'] ?? 0) : ($meta['DefaultNonSSLPort'] ?? 0));
        }
        return [
            'server' => true,
            'serverip' => (string) $server['ipaddress'],
            'serverhostname' => (string) $server['hostname'],
            'serverusername' => self::decode((string) $server['username']),
            'serverpassword' => self::decode(decrypt((string) $server['password'])),
            'serveraccesshash' => self::decode((string) $server['accesshash']),
            'serversecure' => $secure,
            'serverhttpprefix' => $secure ? 'https' : 'http',
            'serverport' => $port > 0 ? $port : '',
        ];
    }

    public static function clientDetails(int $clientId): array
    {
        $client = self::row('SELECT * FROM tblclients WHERE id = ?', [$clientId]);
        if ($client === null) {
            return [];
        }
        $details = [
            'userid' => (int) $client['id'],
            'id' => (int) $client['id'],
            'client_id' => (int) $client['id'],
            'uuid' => (string) ($client['uuid'] ?? ''),
            'firstname' => (string) $client['firstname'],
            'lastname' => (string) $client['lastname'],
            'fullname' => trim($client['firstname'] . ' ' . $client['lastname']),
            'companyname' => (string) $client['companyname'],
            'email' => (string) $client['email'],
            'address1' => (string) $client['address1'],
            'address2' => (string) $client['address2'],
            'city' => (string) $client['city'],
            'state' => (string) $client['state'],
            'fullstate' => (string) $client['state'],
            'postcode' => (string) $client['postcode'],
            'countrycode' => (string) $client['country'],
            'country' => (string) $client['country'],
            'phonenumber' => (string) $client['phonenumber'],
            'tax_id' => (string) ($client['tax_id'] ?? ''),
            'status' => (string) $client['status'],
            'currency' => (int) ($client['currency'] ?? 0),
            'credit' => (string) ($client['credit'] ?? '0.00'),
            'groupid' => (int) ($client['groupid'] ?? 0),
            'notes' => (string) ($client['notes'] ?? ''),
            'email_preferences' => $client['email_preferences'] ?? null,
        ];
        $details['model'] = new \WHMCS\User\Client($client);
        return $details;
    }

    /** Product custom fields of the service: name => value, text after a pipe dropped, missing ones ''. */
    private static function customFields(int $productId, int $serviceId): array
    {
        $rows = self::rows(
            "SELECT f.fieldname, v.value FROM tblcustomfields f
             LEFT JOIN tblcustomfieldsvalues v ON v.fieldid = f.id AND v.relid = ?
             WHERE f.type = 'product' AND f.relid = ? ORDER BY f.sortorder, f.id",
            [$serviceId, $productId]
        );
        $fields = [];
        foreach ($rows as $row) {
            $fields[self::beforePipe((string) $row['fieldname'])] = strip_tags(self::beforePipe((string) ($row['value'] ?? '')));
        }
        return $fields;
    }

    /** Configurable options chosen for the service: option name => sub-option name (yes/no, quantity: qty). */
    private static function configOptions(int $productId, int $serviceId): array
    {
        $rows = self::rows(
            'SELECT o.optionname, o.optiontype, s.optionname AS chosen, h.qty
             FROM tblhostingconfigoptions h
             JOIN tblproductconfigoptions o ON o.id = h.configid
             JOIN tblproductconfiglinks l ON l.gid = o.gid AND l.pid = ?
             LEFT JOIN tblproductconfigoptionssub s ON s.id = h.optionid
             WHERE h.relid = ? ORDER BY o.`order`, o.id',
            [$productId, $serviceId]
        );
        $options = [];
        foreach ($rows as $row) {
            $options[self::beforePipe((string) $row['optionname'])] = in_array((string) $row['optiontype'], ['3', '4'], true)
                ? (int) $row['qty']
                : self::beforePipe((string) ($row['chosen'] ?? ''));
        }
        return $options;
    }

    private static function beforePipe(string $value): string
    {
        return explode('|', $value, 2)[0];
    }

    private static function decode(string $value): string
    {
        return html_entity_decode($value, ENT_QUOTES, 'UTF-8');
    }

    private static function row(string $sql, array $bindings): ?array
    {
        return self::rows($sql, $bindings)[0] ?? null;
    }

    private static function rows(string $sql, array $bindings): array
    {
        $statement = Whmcs::pdo()->prepare($sql);
        $statement->execute($bindings);
        return $statement->fetchAll(\PDO::FETCH_ASSOC);
    }
}
