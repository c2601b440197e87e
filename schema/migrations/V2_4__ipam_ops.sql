-- Long-running jobs (WHMCS sync, ...) and their progress, polled through GET /api/v1/jobs/{id}.
CREATE TABLE mod_routerbridge_job (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    kind         VARCHAR(32)   NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    done_count   BIGINT        NOT NULL,
    total_count  BIGINT        NOT NULL,
    summary      MEDIUMTEXT    NULL,
    error        VARCHAR(1000) NULL,
    requested_by VARCHAR(150)  NOT NULL,
    created_at   DATETIME(3)   NOT NULL,
    started_at   DATETIME(3)   NULL,
    finished_at  DATETIME(3)   NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what to which address: assign, unassign, release, sync, import, cleaner runs.
CREATE TABLE mod_routerbridge_action_log (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    logged_at     DATETIME(3)   NOT NULL,
    actor_type    VARCHAR(16)   NOT NULL,
    actor         VARCHAR(150)  NOT NULL,
    action        VARCHAR(32)   NOT NULL,
    service_id    BIGINT        NULL,
    address       VARCHAR(43)   NULL,
    assignment_id BIGINT        NULL,
    detail        VARCHAR(2000) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_action_log_time ON mod_routerbridge_action_log (logged_at);
CREATE INDEX idx_action_log_service ON mod_routerbridge_action_log (service_id, logged_at);
CREATE INDEX idx_action_log_action ON mod_routerbridge_action_log (action, logged_at);

-- Operator settings of the IPAM housekeeping (usage alert threshold, IP cleaner behaviour).
CREATE TABLE mod_routerbridge_setting (
    name  VARCHAR(64)  NOT NULL,
    value VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per crossing of the usage threshold by a pool or subnet. While cleared_at is NULL the
-- crossing is open and no new alert is raised for that scope; sent_at marks it handed to WHMCS.
CREATE TABLE mod_routerbridge_ipam_usage_alert (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    scope         VARCHAR(8)    NOT NULL,
    scope_id      BIGINT        NOT NULL,
    scope_name    VARCHAR(100)  NOT NULL,
    usage_percent DECIMAL(6,2)  NOT NULL,
    threshold     INT           NOT NULL,
    raised_at     DATETIME(3)   NOT NULL,
    sent_at       DATETIME(3)   NULL,
    cleared_at    DATETIME(3)   NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_usage_alert_scope ON mod_routerbridge_ipam_usage_alert (scope, scope_id, cleared_at);

-- Reports of IP cleaner runs; the daily cron hook hands the latest to WHMCS.
CREATE TABLE mod_routerbridge_ipam_cleaner_run (
    id       BIGINT      NOT NULL AUTO_INCREMENT,
    mode     VARCHAR(16) NOT NULL,
    ran_at   DATETIME(3) NOT NULL,
    found    INT         NOT NULL,
    released INT         NOT NULL,
    report   MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
