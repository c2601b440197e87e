<?php
// Stand-ins for the WHMCS objects that reach modules and hooks: the Eloquent models in $params and
// the client-area menu item the sidebar hooks receive.

namespace WHMCS\Service {

    /** tblhosting row as WHMCS's Eloquent model: attributes by column name plus a few aliases. */
    class Service
    {
        private const ALIASES = ['clientId' => 'userid', 'productId' => 'packageid', 'serverId' => 'server', 'status' => 'domainstatus'];

        public function __construct(private array $attributes)
        {
        }

        public function __get(string $name): mixed
        {
            return $this->attributes[self::ALIASES[$name] ?? $name] ?? null;
        }

        public function __isset(string $name): bool
        {
            return isset($this->attributes[self::ALIASES[$name] ?? $name]);
        }
    }
}

namespace WHMCS\User {

    /** tblclients row as WHMCS's Eloquent model. */
    class Client
    {
        public function __construct(private array $attributes)
        {
        }

        public function __get(string $name): mixed
        {
            return $this->attributes[$name] ?? null;
        }

        public function __isset(string $name): bool
        {
            return isset($this->attributes[$name]);
        }
    }
}

namespace WHMCS\Authentication {

    /** The logged-in client account, as a test sets it (null: nobody logged in). */
    class CurrentUser
    {
        public static ?\WHMCS\User\Client $loggedInClient = null;

        public static function client(): ?\WHMCS\User\Client
        {
            return self::$loggedInClient;
        }
    }
}

namespace WHMCS\View\Menu {

    class Item
    {
        /** @var array<string, Item> */
        private array $children = [];

        public function __construct(private readonly string $name, private array $attributes = [])
        {
        }

        public function addChild(string $name, array $attributes = []): Item
        {
            return $this->children[$name] = new Item($name, $attributes);
        }

        public function getChild(string $name): ?Item
        {
            return $this->children[$name] ?? null;
        }

        /** @return array<string, Item> */
        public function getChildren(): array
        {
            return $this->children;
        }

        public function getName(): string
        {
            return $this->name;
        }

        public function getLabel(): ?string
        {
            return $this->attributes['label'] ?? null;
        }

        public function getUri(): ?string
        {
            return $this->attributes['uri'] ?? null;
        }
    }
}
