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

    /**
     * WHMCS 8's CurrentUser: instance methods only, as its class reference documents them
     * (`public function client(): ?Client`), so a static call fails here as it may in WHMCS.
     * Tests choose who is logged in through the static $loggedInClient, which is harness-only.
     */
    class CurrentUser
    {
        public static ?\WHMCS\User\Client $loggedInClient = null;

        public function client(): ?\WHMCS\User\Client
        {
            return self::$loggedInClient;
        }

        public function user(): ?object
        {
            return null;
        }

        public function admin(): ?object
        {
            return null;
        }

        public function isAuthenticatedUser(): bool
        {
            return self::$loggedInClient !== null;
        }

        public function isAuthenticatedAdmin(): bool
        {
            return false;
        }

        public function isMasqueradingAdmin(): bool
        {
            return false;
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

        public function getIcon(): ?string
        {
            return $this->attributes['icon'] ?? null;
        }

        public function setIcon(?string $icon): Item
        {
            $this->attributes['icon'] = $icon;
            return $this;
        }

        public function hasIcon(): bool
        {
            return ($this->attributes['icon'] ?? '') !== '';
        }

        public function hasChild(string $name): bool
        {
            return isset($this->children[$name]);
        }

        /**
         * The markup the Six and Twenty-One sidebar templates give an item's icon: the icon string is the
         * whole class attribute, so it needs Font Awesome 5's style prefix (fas, far, fab, fal, fad) to
         * show a glyph; a bare fa-name draws nothing.
         */
        public function iconMarkup(): string
        {
            $icon = $this->getIcon();
            return $icon === null || $icon === '' ? '' : '<i class="' . htmlspecialchars($icon, ENT_QUOTES) . '"></i>';
        }
    }
}
