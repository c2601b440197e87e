-- Configurations link pools (or whole subnets) to what a WHMCS service is made of: its product, its
-- server, its addons and the values of its configurable options. A service draws from every pool
-- related to any of them.
CREATE TABLE mod_routerbridge_ipam_configuration (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(100) NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_ipam_configuration_name ON mod_routerbridge_ipam_configuration (name);

-- type: product (tblproducts.id), server (tblservers.id), addon (tbladdons.id) or configoption
-- (tblproductconfigoptionssub.id, the chosen value). Exactly one of pool_id and subnet_id is set; they
-- are checked when the relation is made, and a relation to a pool or subnet removed later is skipped.
CREATE TABLE mod_routerbridge_ipam_configuration_relation (
    id               BIGINT      NOT NULL AUTO_INCREMENT,
    configuration_id BIGINT      NOT NULL,
    type             VARCHAR(16) NOT NULL,
    target_id        BIGINT      NOT NULL,
    pool_id          BIGINT      NULL,
    subnet_id        BIGINT      NULL,
    created_at       DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_ipam_relation_configuration FOREIGN KEY (configuration_id)
        REFERENCES mod_routerbridge_ipam_configuration (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_ipam_relation_target ON mod_routerbridge_ipam_configuration_relation (type, target_id);
CREATE INDEX idx_ipam_relation_configuration ON mod_routerbridge_ipam_configuration_relation (configuration_id);
