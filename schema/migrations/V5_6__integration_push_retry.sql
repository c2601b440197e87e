-- Pushes of an assignment or release to an integration (NetBox, the webhook) that failed. One row per integration
-- and address: the newest intent for that address replaces an older one, and a later successful push removes it.
-- Retried in the background with growing delays until delivered, or dropped by the operator through the REST API.
CREATE TABLE mod_routerbridge_integration_push_retry (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    integration     VARCHAR(32)  NOT NULL,
    address         VARCHAR(43)  NOT NULL,
    operation       VARCHAR(16)  NOT NULL,
    assignment      TEXT         NOT NULL,
    revision        INT          NOT NULL,
    attempts        INT          NOT NULL,
    last_error      TEXT         NOT NULL,
    first_failed_at DATETIME(3)  NOT NULL,
    next_retry_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_push_retry_integration_address ON mod_routerbridge_integration_push_retry (integration, address);
CREATE INDEX idx_push_retry_due ON mod_routerbridge_integration_push_retry (next_retry_at);
CREATE INDEX idx_push_retry_address ON mod_routerbridge_integration_push_retry (address);
