<?php
// A minimal stand-in for WHMCS's Capsule (Laravel's query builder), backed by the harness's PDO
// connection, covering only the chains the module uses.

namespace WHMCS\Database;

use RouterBridge\Tests\Harness\Whmcs;

final class Capsule
{
    public static function table(string $table): QueryBuilder
    {
        return new QueryBuilder(Whmcs::pdo(), $table);
    }
}

final class QueryBuilder
{
    /** @var list<array{0:string,1:string,2:mixed}> */
    private array $wheres = [];

    public function __construct(private readonly \PDO $pdo, private readonly string $table)
    {
        self::identifier($table);
    }

    public function where(string $column, mixed $operatorOrValue, mixed $value = null): self
    {
        $operator = func_num_args() === 2 ? '=' : (string) $operatorOrValue;
        if (!in_array($operator, ['=', '!=', '<>', '<', '<=', '>', '>=', 'like'], true)) {
            throw new \InvalidArgumentException("unsupported operator {$operator}");
        }
        $this->wheres[] = [self::identifier($column), $operator, func_num_args() === 2 ? $operatorOrValue : $value];
        return $this;
    }

    /** Laravel's whereIn: an empty list matches nothing. */
    public function whereIn(string $column, array $values): self
    {
        $this->wheres[] = [self::identifier($column), 'in', array_values($values)];
        return $this;
    }

    public function get(array $columns = ['*']): Collection
    {
        return new Collection($this->select($columns, null));
    }

    public function exists(): bool
    {
        return $this->first() !== null;
    }

    public function count(): int
    {
        [$where, $bindings] = $this->whereClause();
        $statement = $this->pdo->prepare("SELECT COUNT(*) FROM `{$this->table}`{$where}");
        $statement->execute($bindings);
        return (int) $statement->fetchColumn();
    }

    public function value(string $column): mixed
    {
        $row = $this->first([$column]);
        return $row === null ? null : $row->{$column};
    }

    public function first(array $columns = ['*']): ?\stdClass
    {
        $rows = $this->select($columns, 1);
        return $rows[0] ?? null;
    }

    public function pluck(string $column, ?string $key = null): Collection
    {
        $items = [];
        foreach ($this->select($key === null ? [$column] : [$column, $key], null) as $row) {
            if ($key === null) {
                $items[] = $row->{$column};
            } else {
                $items[$row->{$key}] = $row->{$column};
            }
        }
        return new Collection($items);
    }

    public function update(array $values): int
    {
        $sets = [];
        foreach (array_keys($values) as $column) {
            $sets[] = '`' . self::identifier($column) . '` = ?';
        }
        [$where, $bindings] = $this->whereClause();
        $statement = $this->pdo->prepare("UPDATE `{$this->table}` SET " . implode(', ', $sets) . $where);
        $statement->execute([...array_values($values), ...$bindings]);
        return $statement->rowCount();
    }

    /** @return list<\stdClass> */
    private function select(array $columns, ?int $limit): array
    {
        $list = $columns === ['*'] ? '*' : implode(', ', array_map(static fn ($c) => '`' . self::identifier($c) . '`', $columns));
        [$where, $bindings] = $this->whereClause();
        $statement = $this->pdo->prepare("SELECT {$list} FROM `{$this->table}`{$where}" . ($limit ? " LIMIT {$limit}" : ''));
        $statement->execute($bindings);
        return $statement->fetchAll(\PDO::FETCH_OBJ);
    }

    private function whereClause(): array
    {
        if ($this->wheres === []) {
            return ['', []];
        }
        $parts = [];
        $bindings = [];
        foreach ($this->wheres as [$column, $operator, $value]) {
            if ($operator === 'in') {
                $parts[] = $value === [] ? '0 = 1' : "`{$column}` IN (" . implode(', ', array_fill(0, count($value), '?')) . ')';
                array_push($bindings, ...$value);
                continue;
            }
            $parts[] = "`{$column}` {$operator} ?";
            $bindings[] = $value;
        }
        return [' WHERE ' . implode(' AND ', $parts), $bindings];
    }

    private static function identifier(string $name): string
    {
        if (!preg_match('/^[A-Za-z0-9_]+$/', $name)) {
            throw new \InvalidArgumentException("bad identifier {$name}");
        }
        return $name;
    }
}

final class Collection implements \IteratorAggregate, \Countable
{
    public function __construct(private readonly array $items)
    {
    }

    public function all(): array
    {
        return $this->items;
    }

    public function toArray(): array
    {
        return $this->items;
    }

    public function getIterator(): \ArrayIterator
    {
        return new \ArrayIterator($this->items);
    }

    public function count(): int
    {
        return count($this->items);
    }
}
