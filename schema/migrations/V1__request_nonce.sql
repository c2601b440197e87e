-- Nonces of signed requests from the WHMCS module; the primary key refuses a replay,
-- even across service restarts. Rows older than the signature window are purged.
CREATE TABLE mod_routerbridge_request_nonce (
    nonce       VARCHAR(64)  NOT NULL,
    received_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (nonce)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_request_nonce_received_at ON mod_routerbridge_request_nonce (received_at);
