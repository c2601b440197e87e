-- NetBox connection of the IPAM integration: one row named 'default'. The API token is stored
-- encrypted with the service's master key (same format as router credentials).
CREATE TABLE mod_routerbridge_ipam_netbox_settings (
    name            VARCHAR(32)   NOT NULL,
    base_url        VARCHAR(255)  NOT NULL,
    token_encrypted VARCHAR(1024) NOT NULL,
    release_mode    VARCHAR(16)   NOT NULL,
    updated_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
