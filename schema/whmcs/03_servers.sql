-- Servers (for the routerbridge module: routers) and server groups. password is encrypted by WHMCS
-- (its legacy cipher); username and accesshash are plain; secure is 'on' when ticked.

CREATE TABLE tblservers (
  id int(10) NOT NULL AUTO_INCREMENT,
  name text NOT NULL,
  ipaddress text NOT NULL,
  assignedips text NOT NULL,
  hostname text NOT NULL,
  monthlycost decimal(16,2) NOT NULL DEFAULT 0.00,
  noc text NOT NULL,
  statusaddress text NOT NULL,
  nameserver1 text NOT NULL,
  nameserver1ip text NOT NULL,
  nameserver2 text NOT NULL,
  nameserver2ip text NOT NULL,
  nameserver3 text NOT NULL,
  nameserver3ip text NOT NULL,
  nameserver4 text NOT NULL,
  nameserver4ip text NOT NULL,
  nameserver5 text NOT NULL,
  nameserver5ip text NOT NULL,
  maxaccounts int(10) NOT NULL DEFAULT 0,
  type text NOT NULL,
  username text NOT NULL,
  password text NOT NULL,
  accesshash text NOT NULL,
  secure text NOT NULL,
  port int(8) NULL DEFAULT NULL,
  active int(1) NOT NULL,
  disabled int(1) NOT NULL,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

/* [jooq ignore start] */
CREATE INDEX tblservers_type ON tblservers (type(32));
/* [jooq ignore stop] */

-- filltype: 1 = fill the least full server, 2 = fill until full, then the next.
CREATE TABLE tblservergroups (
  id int(10) NOT NULL AUTO_INCREMENT,
  name text NOT NULL,
  filltype int(1) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE TABLE tblservergroupsrel (
  id int(10) NOT NULL AUTO_INCREMENT,
  groupid int(10) NOT NULL,
  serverid int(10) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblservergroupsrel_groupid ON tblservergroupsrel (groupid);
CREATE INDEX tblservergroupsrel_serverid ON tblservergroupsrel (serverid);
