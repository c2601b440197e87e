<?php

namespace RouterBridge\Tests\Harness;

/**
 * WHMCS's own billing automation, as its documentation describes it, so a test can show that expiry and
 * re-activation reach the module only as SuspendAccount and UnsuspendAccount calls:
 *
 * - Setup > Automation Settings > Automatic Module Functions (tblconfiguration): Enable Suspension
 *   (`AutoSuspension` 'on'), Suspend Days (`AutoSuspensionDays`), Enable Unsuspension (`AutoUnsuspend` 'on').
 * - The daily cron suspends every Active service whose Next Due Date is at least Suspend Days in the past (the
 *   due date of its unpaid renewal invoice: WHMCS moves the next due date forward only when that invoice is
 *   paid), skipping free and one-time cycles and services whose "Override Auto-Suspend" is ticked
 *   (`overideautosuspend`), until the date in `overidesuspenduntil` when one is set. One module call per service,
 *   reason 'Overdue on Payment'; DailyCronJob hooks run at the very end.
 * - Paying an invoice moves each paid service's next due date forward by its billing cycle; with Enable
 *   Unsuspension, services suspended for non-payment (empty reason: WHMCS stores 'Overdue on Payment' as '')
 *   are unsuspended, one call each; a custom reason (manual suspension) keeps them suspended. Then the
 *   InvoicePaid hook runs with `invoiceid` and `invoice`.
 */
final class BillingAutomation
{
    private const NOT_SUSPENDED_CYCLES = ['Free Account', 'Free', 'One Time'];
    private const CYCLE_MONTHS = ['Monthly' => 1, 'Quarterly' => 3, 'Semi-Annually' => 6, 'Annually' => 12,
        'Biennially' => 24, 'Triennially' => 36];

    /** @var list<array{serviceId:int, function:string, result:string}> module calls the automation made */
    public static array $calls = [];

    /** The Automatic Module Functions settings, as saved on the Automation Settings page. */
    public static function configure(bool $suspension, int $suspendDays, bool $unsuspension): void
    {
        foreach (['AutoSuspension' => $suspension ? 'on' : '', 'AutoSuspensionDays' => (string) $suspendDays,
                  'AutoUnsuspend' => $unsuspension ? 'on' : ''] as $setting => $value) {
            Whmcs::pdo()->prepare('INSERT INTO tblconfiguration (setting, value, created_at, updated_at) VALUES (?, ?, NOW(), NOW())
                ON DUPLICATE KEY UPDATE value = VALUES(value), updated_at = NOW()')->execute([$setting, $value]);
        }
    }

    /**
     * The daily automation run on $today (Y-m-d): overdue suspensions, then the DailyCronJob hooks.
     *
     * @return list<int> the services it asked the module to suspend, in id order
     */
    public static function runDailyCron(string $today): array
    {
        $suspended = [];
        if (self::setting('AutoSuspension') === 'on') {
            $lastDueDate = date('Y-m-d', strtotime($today . ' -' . (int) self::setting('AutoSuspensionDays') . ' days'));
            $cycles = implode(', ', array_fill(0, count(self::NOT_SUSPENDED_CYCLES), '?'));
            $statement = Whmcs::pdo()->prepare("SELECT h.id FROM tblhosting h JOIN tblproducts p ON p.id = h.packageid
                WHERE h.domainstatus = 'Active' AND h.billingcycle NOT IN ({$cycles})
                  AND h.nextduedate IS NOT NULL AND h.nextduedate <> '0000-00-00' AND h.nextduedate <= ?
                  AND NOT (h.overideautosuspend = 1
                           AND (h.overidesuspenduntil = '0000-00-00' OR h.overidesuspenduntil >= ?))
                ORDER BY h.id");
            $statement->execute([...self::NOT_SUSPENDED_CYCLES, $lastDueDate, $today]);
            foreach ($statement->fetchAll(\PDO::FETCH_COLUMN) as $serviceId) {
                $result = ModuleRunner::callModule((int) $serviceId, 'SuspendAccount', ['suspendreason' => 'Overdue on Payment']);
                self::$calls[] = ['serviceId' => (int) $serviceId, 'function' => 'SuspendAccount', 'result' => $result];
                $suspended[] = (int) $serviceId;
            }
        }
        Whmcs::runDailyCron();
        return $suspended;
    }

    /**
     * An invoice of $clientId over $serviceIds (one Hosting line each, due on the service's next due date).
     */
    public static function invoice(int $clientId, array $serviceIds, string $dueDate, string $status = 'Unpaid'): int
    {
        $invoiceId = Fixtures::insert('tblinvoices', [
            'userid' => $clientId, 'invoicenum' => '', 'date' => $dueDate, 'duedate' => $dueDate,
            'subtotal' => 10 * count($serviceIds), 'credit' => 0, 'tax' => 0, 'tax2' => 0, 'total' => 10 * count($serviceIds),
            'taxrate' => 0, 'taxrate2' => 0, 'status' => $status, 'paymentmethod' => 'banktransfer', 'notes' => '',
        ]);
        foreach ($serviceIds as $serviceId) {
            $row = Fixtures::serviceRow($serviceId);
            Fixtures::insert('tblinvoiceitems', [
                'invoiceid' => $invoiceId, 'userid' => $clientId, 'type' => 'Hosting', 'relid' => $serviceId,
                'description' => 'Service ' . $serviceId . ' (' . $row['nextduedate'] . ')', 'amount' => 10, 'taxed' => 0,
                'duedate' => $row['nextduedate'], 'paymentmethod' => 'banktransfer', 'notes' => '',
            ]);
        }
        return $invoiceId;
    }

    /**
     * A payment covering the whole invoice: Paid, due dates forward, unsuspension of the services it paid that were
     * suspended for non-payment, then the InvoicePaid hook.
     *
     * @return list<int> the services it asked the module to unsuspend
     */
    public static function markInvoicePaid(int $invoiceId, string $paidOn): array
    {
        $pdo = Whmcs::pdo();
        $pdo->prepare("UPDATE tblinvoices SET status = 'Paid', datepaid = ?, updated_at = NOW() WHERE id = ?")
            ->execute([$paidOn . ' 12:00:00', $invoiceId]);
        $items = $pdo->prepare("SELECT relid FROM tblinvoiceitems WHERE invoiceid = ? AND type = 'Hosting' ORDER BY id");
        $items->execute([$invoiceId]);
        $unsuspended = [];
        foreach ($items->fetchAll(\PDO::FETCH_COLUMN) as $serviceId) {
            $serviceId = (int) $serviceId;
            $row = Fixtures::serviceRow($serviceId);
            $months = self::CYCLE_MONTHS[$row['billingcycle']] ?? null;
            if ($months !== null) {
                $pdo->prepare('UPDATE tblhosting SET nextduedate = DATE_ADD(nextduedate, INTERVAL ? MONTH),
                    nextinvoicedate = nextduedate WHERE id = ?')->execute([$months, $serviceId]);
            }
            if (self::setting('AutoUnsuspend') === 'on' && $row['domainstatus'] === 'Suspended' && $row['suspendreason'] === '') {
                $result = ModuleRunner::callModule($serviceId, 'UnsuspendAccount');
                self::$calls[] = ['serviceId' => $serviceId, 'function' => 'UnsuspendAccount', 'result' => $result];
                $unsuspended[] = $serviceId;
            }
        }
        Whmcs::runHook('InvoicePaid', ['invoiceid' => $invoiceId, 'invoice' => new \stdClass()]);
        return $unsuspended;
    }

    private static function setting(string $name): string
    {
        $statement = Whmcs::pdo()->prepare('SELECT value FROM tblconfiguration WHERE setting = ?');
        $statement->execute([$name]);
        return (string) ($statement->fetchColumn() ?: '');
    }
}
