-- IP address management. Addresses are stored as DECIMAL(39,0): the unsigned integer value of the
-- address (IPv4 0..2^32-1, IPv6 0..2^128-1). It is fixed-width (18 bytes in InnoDB), sorts in address
-- order for both families, and supports exact arithmetic in SQL (addr + 1, block sizes, alignment),
-- which BINARY(16) does not (MariaDB has no 128-bit integer type). No free address is ever stored:
-- free space is the gaps between the rows of mod_routerbridge_ipam_occupied.

-- One row per lockable layout: creating subnets or pools locks it so overlap checks cannot race.
CREATE TABLE mod_routerbridge_ipam_layout_lock (
    name VARCHAR(32) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO mod_routerbridge_ipam_layout_lock (name) VALUES ('layout');

CREATE TABLE mod_routerbridge_ipam_subnet (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    cidr              VARCHAR(43)   NOT NULL,
    family            TINYINT       NOT NULL,
    prefix_length     SMALLINT      NOT NULL,
    first_value       DECIMAL(39,0) NOT NULL,
    last_value        DECIMAL(39,0) NOT NULL,
    parent_id         BIGINT        NULL,
    gateway           VARCHAR(39)   NULL,
    reserve_network   BOOLEAN       NOT NULL,
    reserve_gateway   BOOLEAN       NOT NULL,
    reserve_broadcast BOOLEAN       NOT NULL,
    description       VARCHAR(255)  NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_ipam_subnet_parent FOREIGN KEY (parent_id) REFERENCES mod_routerbridge_ipam_subnet (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_ipam_subnet_network ON mod_routerbridge_ipam_subnet (family, first_value, prefix_length);

-- Excluded single addresses and ranges of a subnet (inclusive bounds).
CREATE TABLE mod_routerbridge_ipam_subnet_exclusion (
    subnet_id   BIGINT        NOT NULL,
    first_value DECIMAL(39,0) NOT NULL,
    last_value  DECIMAL(39,0) NOT NULL,
    PRIMARY KEY (subnet_id, first_value),
    CONSTRAINT fk_ipam_exclusion_subnet FOREIGN KEY (subnet_id) REFERENCES mod_routerbridge_ipam_subnet (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A pool hands out blocks of block_prefix_length bits (the family's full width for address pools)
-- from [first_value, last_value] inside its subnet. Pool ranges never overlap, so the pool row is
-- the one lock an allocation needs.
CREATE TABLE mod_routerbridge_ipam_pool (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    name                VARCHAR(100)  NOT NULL,
    subnet_id           BIGINT        NOT NULL,
    family              TINYINT       NOT NULL,
    kind                VARCHAR(16)   NOT NULL,
    block_prefix_length SMALLINT      NOT NULL,
    first_value         DECIMAL(39,0) NOT NULL,
    last_value          DECIMAL(39,0) NOT NULL,
    quarantine_seconds  INT           NOT NULL,
    created_at          DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_ipam_pool_subnet FOREIGN KEY (subnet_id) REFERENCES mod_routerbridge_ipam_subnet (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_ipam_pool_name ON mod_routerbridge_ipam_pool (name);
CREATE INDEX idx_ipam_pool_range ON mod_routerbridge_ipam_pool (family, first_value);
CREATE INDEX idx_ipam_pool_subnet ON mod_routerbridge_ipam_pool (subnet_id);

-- Occupied space of a pool as maximal, non-adjacent runs: reserved and excluded addresses, live and
-- quarantined assignments. The first free block is found from the first rows of this table by
-- primary key order, so its cost depends on fragmentation, not on the number of used addresses.
CREATE TABLE mod_routerbridge_ipam_occupied (
    pool_id     BIGINT        NOT NULL,
    first_value DECIMAL(39,0) NOT NULL,
    last_value  DECIMAL(39,0) NOT NULL,
    PRIMARY KEY (pool_id, first_value),
    CONSTRAINT fk_ipam_occupied_pool FOREIGN KEY (pool_id) REFERENCES mod_routerbridge_ipam_pool (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Assignments, live and past. live_first_value is set while the block is held (assigned or in
-- quarantine) and live_service_id while it is assigned; NULLs do not collide in a UNIQUE index, so
-- these two indexes forbid handing one block out twice and giving one service two blocks of a pool.
CREATE TABLE mod_routerbridge_ipam_assignment (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    pool_id          BIGINT        NOT NULL,
    subnet_id        BIGINT        NOT NULL,
    service_id       BIGINT        NOT NULL,
    family           TINYINT       NOT NULL,
    first_value      DECIMAL(39,0) NOT NULL,
    last_value       DECIMAL(39,0) NOT NULL,
    prefix_length    SMALLINT      NOT NULL,
    address          VARCHAR(43)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    assigned_at      DATETIME(3)   NOT NULL,
    released_at      DATETIME(3)   NULL,
    reusable_at      DATETIME(3)   NULL,
    live_first_value DECIMAL(39,0) NULL,
    live_service_id  BIGINT        NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_ipam_assignment_pool FOREIGN KEY (pool_id) REFERENCES mod_routerbridge_ipam_pool (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX uq_ipam_assignment_live_block ON mod_routerbridge_ipam_assignment (pool_id, live_first_value);
CREATE UNIQUE INDEX uq_ipam_assignment_live_service ON mod_routerbridge_ipam_assignment (pool_id, live_service_id);
CREATE INDEX idx_ipam_assignment_service ON mod_routerbridge_ipam_assignment (service_id, status);
CREATE INDEX idx_ipam_assignment_quarantine ON mod_routerbridge_ipam_assignment (pool_id, status, reusable_at);
