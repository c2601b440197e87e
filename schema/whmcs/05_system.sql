-- Settings, admins and logs.

-- General settings (e.g. AddonModulesHooks, ModuleHooks, SystemURL).
CREATE TABLE tblconfiguration (
  id int(10) unsigned NOT NULL AUTO_INCREMENT,
  setting varchar(64) NOT NULL,
  value text NOT NULL,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE UNIQUE INDEX tblconfiguration_setting ON tblconfiguration (setting);

-- Addon module settings, one row per (module, setting): version, access, and each _config field.
CREATE TABLE tbladdonmodules (
  id int(10) NOT NULL AUTO_INCREMENT,
  module text NOT NULL,
  setting text NOT NULL,
  value text NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

/* [jooq ignore start] */
CREATE INDEX tbladdonmodules_module_setting ON tbladdonmodules (module(32), setting(32));
/* [jooq ignore stop] */

CREATE TABLE tbladmins (
  id int(10) NOT NULL AUTO_INCREMENT,
  uuid varchar(255) NOT NULL DEFAULT '',
  roleid int(1) NOT NULL,
  username text NOT NULL,
  password varchar(255) NOT NULL DEFAULT '',
  passwordhash varchar(255) NOT NULL DEFAULT '',
  authmodule text NOT NULL,
  authdata text NOT NULL,
  firstname text NOT NULL,
  lastname text NOT NULL,
  email text NOT NULL,
  signature text NOT NULL,
  notes text NOT NULL,
  template text NOT NULL,
  language text NOT NULL,
  disabled int(1) NOT NULL,
  loginattempts int(1) NOT NULL,
  supportdepts text NOT NULL,
  ticketnotifications text NOT NULL,
  homewidgets text NOT NULL,
  password_reset_key varchar(255) NOT NULL DEFAULT '',
  password_reset_data text NOT NULL,
  password_reset_expiry timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  hidden_widgets text NOT NULL,
  widget_order text NOT NULL,
  user_preferences text NULL DEFAULT NULL,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

/* [jooq ignore start] */
CREATE INDEX tbladmins_username ON tbladmins (username(32));
/* [jooq ignore stop] */

-- logModuleCall() writes here (module and action lowercased) when module debug logging is on.
CREATE TABLE tblmodulelog (
  id int(10) NOT NULL AUTO_INCREMENT,
  date datetime NOT NULL,
  module text NOT NULL,
  action text NOT NULL,
  request mediumtext NOT NULL,
  response mediumtext NOT NULL,
  arrdata mediumtext NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

-- logActivity() writes here; userid is the client.
CREATE TABLE tblactivitylog (
  id int(10) NOT NULL AUTO_INCREMENT,
  date datetime NOT NULL,
  description text NOT NULL,
  user text NOT NULL,
  userid int(10) unsigned NOT NULL DEFAULT 0,
  user_id int(10) unsigned NOT NULL DEFAULT 0,
  admin_id int(10) unsigned NOT NULL DEFAULT 0,
  ipaddr text NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblactivitylog_userid ON tblactivitylog (userid);
CREATE INDEX tblactivitylog_date ON tblactivitylog (date);

-- Failed module calls waiting for a retry from the admin area.
CREATE TABLE tblmodulequeue (
  id int(10) unsigned NOT NULL AUTO_INCREMENT,
  service_type varchar(20) NOT NULL DEFAULT '',
  service_id int(10) unsigned NOT NULL DEFAULT 0,
  module_name varchar(64) NOT NULL DEFAULT '',
  module_action varchar(64) NOT NULL DEFAULT '',
  last_attempt datetime NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  last_attempt_error text NOT NULL,
  num_retries int(10) unsigned NOT NULL DEFAULT 0,
  completed tinyint(1) NOT NULL DEFAULT 0,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblmodulequeue_service ON tblmodulequeue (service_type, service_id);
