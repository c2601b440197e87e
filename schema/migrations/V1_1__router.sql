-- Routers known to the service. A WHMCS server of type routerbridge is a router; the module hands
-- its (decrypted) credentials in every call and the service keeps its own copy, encrypted with
-- AES-256-GCM under RB_MASTER_KEY ("v1:<key id>:<base64(iv|ciphertext|tag)>"), for background jobs.
CREATE TABLE mod_routerbridge_router (
    id                     INT           NOT NULL AUTO_INCREMENT,
    whmcs_server_id        INT           NULL,
    name                   VARCHAR(255)  NOT NULL,
    host                   VARCHAR(255)  NOT NULL,
    api_port               INT           NOT NULL,
    tls                    BOOLEAN       NOT NULL DEFAULT FALSE,
    tls_fingerprint_sha256 CHAR(64)      NULL,
    username               VARCHAR(255)  NOT NULL,
    password_ciphertext    VARCHAR(1024) NOT NULL,
    created_at             DATETIME(3)   NOT NULL,
    updated_at             DATETIME(3)   NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_router_whmcs_server_id ON mod_routerbridge_router (whmcs_server_id);
