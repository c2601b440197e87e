<?php

namespace RouterBridge\Tests\Harness;

/**
 * Rows in the WHMCS tables as WHMCS's admin area would leave them (passwords encrypted), so a test
 * reads: create client, product, server, service; callModule(...); assert.
 */
final class Fixtures
{
    public static function client(array $overrides = []): int
    {
        return self::insert('tblclients', $overrides + [
            'uuid' => bin2hex(random_bytes(8)),
            'firstname' => 'Ada',
            'lastname' => 'Lovelace',
            'companyname' => 'Analytical Engines Ltd',
            'email' => 'ada@example.test',
            'address1' => '1 Engine Street',
            'address2' => '',
            'city' => 'London',
            'state' => 'Greater London',
            'postcode' => 'N1 1AA',
            'country' => 'GB',
            'phonenumber' => '+44.2000000000',
            'status' => 'Active',
            'currency' => 1,
            'datecreated' => date('Y-m-d'),
        ]);
    }

    /** A product of module $module; $configOptions fills configoption1..N in order. */
    public static function product(string $module = 'routerbridge', array $configOptions = [], array $overrides = []): int
    {
        $row = $overrides + ['type' => 'other', 'gid' => 1, 'name' => 'Tenant VPN', 'servertype' => $module, 'autosetup' => 'payment'];
        foreach (array_values($configOptions) as $i => $value) {
            $row['configoption' . ($i + 1)] = (string) $value;
        }
        return self::insert('tblproducts', $row);
    }

    /** A server (router); $password is stored encrypted as WHMCS does. */
    public static function server(string $module = 'routerbridge', string $password = 'router-pass', array $overrides = []): int
    {
        $row = $overrides + [
            'name' => 'edge-1',
            'ipaddress' => '127.0.0.1',
            'hostname' => 'edge-1.example.test',
            'type' => $module,
            'username' => 'admin',
            'accesshash' => '',
            'secure' => '',
            'port' => 8728,
            'active' => 1,
            'disabled' => 0,
        ];
        $row['password'] = encrypt($password);
        return self::insert('tblservers', $row);
    }

    /** A service (tblhosting row), Pending unless told otherwise; $password stored encrypted. */
    public static function service(int $clientId, int $productId, int $serverId, array $overrides = []): int
    {
        $password = $overrides['password'] ?? '';
        unset($overrides['password']);
        return self::insert('tblhosting', $overrides + [
            'userid' => $clientId,
            'orderid' => 1,
            'packageid' => $productId,
            'server' => $serverId,
            'regdate' => date('Y-m-d'),
            'domain' => 'tenant-a.example.test',
            'paymentmethod' => 'banktransfer',
            'billingcycle' => 'Monthly',
            'nextduedate' => date('Y-m-d', strtotime('+1 month')),
            'nextinvoicedate' => date('Y-m-d', strtotime('+1 month')),
            'domainstatus' => 'Pending',
            'username' => '',
            'password' => $password === '' ? '' : encrypt($password),
            'dedicatedip' => '',
            'assignedips' => '',
        ]);
    }

    /** A product custom field, with the service's value when $value is not null. */
    public static function customField(int $productId, string $fieldName, ?int $serviceId = null, ?string $value = null): int
    {
        $fieldId = self::insert('tblcustomfields', [
            'type' => 'product', 'relid' => $productId, 'fieldname' => $fieldName, 'fieldtype' => 'text',
            'description' => '', 'fieldoptions' => '', 'regexpr' => '', 'adminonly' => '', 'required' => '',
            'showorder' => 'on', 'showinvoice' => '', 'sortorder' => 0,
        ]);
        if ($serviceId !== null && $value !== null) {
            self::insert('tblcustomfieldsvalues', ['fieldid' => $fieldId, 'relid' => $serviceId, 'value' => $value]);
        }
        return $fieldId;
    }

    /**
     * A configurable option linked to the product, chosen for the service: for types 1/2 $choice is
     * the sub-option name, for 3 (yes/no) and 4 (quantity) it is the quantity.
     */
    public static function configOption(int $productId, int $serviceId, string $optionName, int $type, string|int $choice): void
    {
        $groupId = self::insert('tblproductconfiggroups', ['name' => 'Options ' . $optionName, 'description' => '']);
        self::insert('tblproductconfiglinks', ['gid' => $groupId, 'pid' => $productId]);
        $optionId = self::insert('tblproductconfigoptions', [
            'gid' => $groupId, 'optionname' => $optionName, 'optiontype' => (string) $type,
            'qtyminimum' => 0, 'qtymaximum' => 0, 'order' => 0, 'hidden' => 0,
        ]);
        $subId = self::insert('tblproductconfigoptionssub', [
            'configid' => $optionId, 'optionname' => in_array($type, [3, 4], true) ? 'Yes' : (string) $choice,
            'sortorder' => 0, 'hidden' => 0,
        ]);
        self::insert('tblhostingconfigoptions', [
            'relid' => $serviceId, 'configid' => $optionId, 'optionid' => $subId,
            'qty' => in_array($type, [3, 4], true) ? (int) $choice : 0,
        ]);
    }

    /** The addon module's settings rows (tbladdonmodules), as saved on its Configure page. */
    public static function addonSettings(array $settings, string $module = 'routerbridgeaddon'): void
    {
        Whmcs::pdo()->prepare('DELETE FROM tbladdonmodules WHERE module = ?')->execute([$module]);
        foreach ($settings as $setting => $value) {
            self::insert('tbladdonmodules', ['module' => $module, 'setting' => $setting, 'value' => (string) $value]);
        }
    }

    public static function serviceRow(int $serviceId): array
    {
        $statement = Whmcs::pdo()->prepare('SELECT * FROM tblhosting WHERE id = ?');
        $statement->execute([$serviceId]);
        return $statement->fetch(\PDO::FETCH_ASSOC) ?: [];
    }

    public static function insert(string $table, array $row): int
    {
        $columns = implode(', ', array_map(static fn ($c) => "`{$c}`", array_keys($row)));
        $marks = implode(', ', array_fill(0, count($row), '?'));
        Whmcs::pdo()->prepare("INSERT INTO `{$table}` ({$columns}) VALUES ({$marks})")->execute(array_values($row));
        return (int) Whmcs::pdo()->lastInsertId();
    }
}
