-- Service instances running now and the master keys each can read (key ids, never keys; current first). Each
-- instance refreshes its row every 30 s and removes it when it stops; rotate-key refuses to write values under a
-- master key that an instance seen lately cannot read.
CREATE TABLE mod_routerbridge_instance (
    instance_id VARCHAR(36)  NOT NULL,
    host        VARCHAR(255) NOT NULL,
    key_ids     VARCHAR(255) NOT NULL,
    started_at  DATETIME(3)  NOT NULL,
    seen_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
