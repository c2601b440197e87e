-- Keys of the REST API (/api/v1). A key is "rbk_<key_id>_<secret>": key_id is public and finds the
-- row, the secret is stored only as a bcrypt hash, so verifying a key is one lookup and one bcrypt check.
CREATE TABLE mod_routerbridge_api_key (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    name         VARCHAR(100) NOT NULL,
    key_id       VARCHAR(32)  NOT NULL,
    secret_hash  VARCHAR(100) NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    last_used_at DATETIME(3)  NULL,
    revoked_at   DATETIME(3)  NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_api_key_key_id ON mod_routerbridge_api_key (key_id);
