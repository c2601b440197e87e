-- Signed webhook of the IPAM integrations: one row named 'default'. The signing secret is stored
-- encrypted with the service's master key (same format as router credentials).
CREATE TABLE mod_routerbridge_integration_webhook (
    name             VARCHAR(32)   NOT NULL,
    url              VARCHAR(255)  NOT NULL,
    secret_encrypted VARCHAR(1024) NOT NULL,
    updated_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
