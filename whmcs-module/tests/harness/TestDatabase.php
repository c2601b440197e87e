<?php

namespace RouterBridge\Tests\Harness;

/**
 * A fresh MariaDB database for the test run, holding the WHMCS tables from schema/whmcs/*.sql, on the
 * server named by RB_TEST_DB_HOST / RB_TEST_DB_PORT / RB_TEST_DB_USER / RB_TEST_DB_PASSWORD.
 */
final class TestDatabase
{
    private static ?self $instance = null;

    private function __construct(
        public readonly string $host,
        public readonly int $port,
        public readonly string $user,
        public readonly string $password,
        public readonly string $name,
        public readonly \PDO $pdo
    ) {
    }

    public static function isConfigured(): bool
    {
        return getenv('RB_TEST_DB_HOST') !== false && getenv('RB_TEST_DB_PORT') !== false;
    }

    /** Creates the database on first use; it is dropped when PHP exits. */
    public static function get(): self
    {
        if (self::$instance !== null) {
            return self::$instance;
        }
        if (!self::isConfigured()) {
            throw new \LogicException('RB_TEST_DB_HOST and RB_TEST_DB_PORT are not set');
        }
        $host = (string) getenv('RB_TEST_DB_HOST');
        $port = (int) getenv('RB_TEST_DB_PORT');
        $user = (string) (getenv('RB_TEST_DB_USER') ?: 'root');
        $password = (string) (getenv('RB_TEST_DB_PASSWORD') ?: '');
        $name = 'rb_php_' . bin2hex(random_bytes(4));
        $server = self::connect("mysql:host={$host};port={$port};charset=utf8", $user, $password);
        $server->exec("CREATE DATABASE `{$name}` CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci");
        $pdo = self::connect("mysql:host={$host};port={$port};dbname={$name};charset=utf8", $user, $password);
        foreach (self::schemaFiles() as $file) {
            foreach (self::statements((string) file_get_contents($file)) as $sql) {
                $pdo->exec($sql);
            }
        }
        self::$instance = new self($host, $port, $user, $password, $name, $pdo);
        Whmcs::$pdo = $pdo;
        TestEnvironment::onShutdown(static function () use ($server, $name): void {
            $server->exec("DROP DATABASE IF EXISTS `{$name}`");
        });
        return self::$instance;
    }

    public function jdbcUrl(): string
    {
        return "jdbc:mariadb://{$this->host}:{$this->port}/{$this->name}";
    }

    /** Empties every WHMCS table (tbl*) that holds rows; the service's own tables are left alone. */
    public function truncateWhmcsTables(): void
    {
        $tables = $this->pdo->query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'tbl%'")
            ->fetchAll(\PDO::FETCH_COLUMN);
        $probe = implode(' UNION ALL ', array_map(static fn ($t) => "SELECT '{$t}' FROM DUAL WHERE EXISTS (SELECT 1 FROM `{$t}`)", $tables));
        foreach ($this->pdo->query($probe)->fetchAll(\PDO::FETCH_COLUMN) as $table) {
            $this->pdo->exec("DELETE FROM `{$table}`");
        }
    }

    /** @return list<string> */
    public static function schemaFiles(): array
    {
        $files = glob(dirname(__DIR__, 3) . '/schema/whmcs/*.sql') ?: [];
        sort($files);
        return $files;
    }

    /** Splits a DDL file into statements: `--` comment lines dropped, `;` at a line's end ends one, comment-only pieces skipped. */
    private static function statements(string $sql): array
    {
        $lines = array_filter(explode("\n", $sql), static fn ($line) => !str_starts_with(ltrim($line), '--'));
        $statements = preg_split('/;\s*(?:\n|$)/', implode("\n", $lines));
        $hasCode = static fn ($s) => trim((string) preg_replace('#/\*(?!!).*?\*/#s', '', $s)) !== '';
        return array_values(array_filter(array_map('trim', $statements), $hasCode));
    }

    private static function connect(string $dsn, string $user, string $password): \PDO
    {
        $pdo = new \PDO($dsn, $user, $password, [\PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION]);
        $pdo->exec("SET SESSION sql_mode = ''"); // as WHMCS runs its connection
        return $pdo;
    }
}
