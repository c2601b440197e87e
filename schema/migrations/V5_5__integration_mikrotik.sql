-- MikroTik integration of IPAM: one settings row named 'default' (which router, by its WHMCS server,
-- and what goes on it). The router's credentials stay in mod_routerbridge_router, encrypted there.
CREATE TABLE mod_routerbridge_integration_mikrotik (
    name              VARCHAR(32)  NOT NULL,
    enabled           BOOLEAN      NOT NULL,
    whmcs_server_id   INT          NOT NULL,
    address_list      VARCHAR(64)  NOT NULL,
    gateway_interface VARCHAR(64)  NULL,
    updated_at        DATETIME(3)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the integration keeps on which router: one row per address or block of a service (tblhosting.id).
-- These rows are the desired state; the router converges to them (and a whole-router reconcile keeps them).
CREATE TABLE mod_routerbridge_integration_mikrotik_entry (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    router_id         INT          NOT NULL,
    service_id        BIGINT       NOT NULL,
    address           VARCHAR(43)  NOT NULL,
    address_list      VARCHAR(64)  NOT NULL,
    gateway_interface VARCHAR(64)  NULL,
    announced_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_mikrotik_entry_router FOREIGN KEY (router_id) REFERENCES mod_routerbridge_router (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_mikrotik_entry_service_address ON mod_routerbridge_integration_mikrotik_entry (service_id, address);
CREATE INDEX idx_mikrotik_entry_router ON mod_routerbridge_integration_mikrotik_entry (router_id);

-- Routers that did not take a service's announcements (down, refused): retried with backoff until they do.
CREATE TABLE mod_routerbridge_integration_mikrotik_pending (
    router_id     INT          NOT NULL,
    service_id    BIGINT       NOT NULL,
    attempts      INT          NOT NULL,
    last_error    TEXT         NULL,
    next_retry_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (router_id, service_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_mikrotik_pending_due ON mod_routerbridge_integration_mikrotik_pending (next_retry_at);
