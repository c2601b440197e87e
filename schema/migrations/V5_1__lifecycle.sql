-- Our durable record of each WHMCS service we provision (tblhosting.id): its desired state on its
-- router and how the last attempt to apply it went. Routers converge to these rows.
CREATE TABLE mod_routerbridge_service (
    service_id      BIGINT       NOT NULL,
    router_id       INT          NOT NULL,
    mode            VARCHAR(16)  NOT NULL,
    desired_status  VARCHAR(16)  NOT NULL,
    public_ip       VARCHAR(43)  NULL,
    private_prefix  VARCHAR(43)  NULL,
    tenant_supernet VARCHAR(43)  NULL,
    wan_interface   VARCHAR(64)  NOT NULL,
    parameters      TEXT         NOT NULL,
    last_outcome    VARCHAR(16)  NOT NULL,
    last_error      TEXT         NULL,
    attempts        INT          NOT NULL,
    next_retry_at   DATETIME(3)  NULL,
    applied_at      DATETIME(3)  NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (service_id),
    CONSTRAINT fk_service_router FOREIGN KEY (router_id) REFERENCES mod_routerbridge_router (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_service_router ON mod_routerbridge_service (router_id);
CREATE INDEX idx_service_retry ON mod_routerbridge_service (last_outcome, next_retry_at);

-- VPN users (PPP secrets) of vpn-nat tenants. A PPP secret name is unique on its router, so the
-- database refuses a second user of the same name on one router whichever service asks.
CREATE TABLE mod_routerbridge_vpn_user (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    service_id          BIGINT        NOT NULL,
    router_id           INT           NOT NULL,
    name                VARCHAR(64)   NOT NULL,
    password_ciphertext VARCHAR(1024) NOT NULL,
    remote_address      VARCHAR(43)   NOT NULL,
    disabled            BOOLEAN       NOT NULL,
    created_at          DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_vpn_user_service FOREIGN KEY (service_id) REFERENCES mod_routerbridge_service (service_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_vpn_user_router_name ON mod_routerbridge_vpn_user (router_id, name);
CREATE UNIQUE INDEX uq_vpn_user_service_address ON mod_routerbridge_vpn_user (service_id, remote_address);

-- Port forwards (dst-nat) of vpn-nat tenants: public port of the tenant's public IP → private host.
CREATE TABLE mod_routerbridge_port_forward (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    service_id   BIGINT      NOT NULL,
    protocol     VARCHAR(8)  NOT NULL,
    public_port  INT         NOT NULL,
    private_ip   VARCHAR(43) NOT NULL,
    private_port INT         NOT NULL,
    created_at   DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_port_forward_service FOREIGN KEY (service_id) REFERENCES mod_routerbridge_service (service_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_port_forward_public ON mod_routerbridge_port_forward (service_id, protocol, public_port);
