-- The product catalogue: groups, products (with the 24 module settings), configurable options,
-- custom fields and product addons.

CREATE TABLE tblproductgroups (
  id int(10) NOT NULL AUTO_INCREMENT,
  name text NOT NULL,
  slug varchar(128) NOT NULL DEFAULT '',
  headline text NOT NULL,
  tagline text NOT NULL,
  orderfrmtpl text NOT NULL,
  disabledgateways text NOT NULL,
  hidden tinyint(1) NOT NULL,
  `order` int(1) NOT NULL DEFAULT 0,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblproductgroups_order ON tblproductgroups (`order`);

-- type: hostingaccount / reselleraccount / server / other; servertype: the module name;
-- configoption1..24: the module's ConfigOptions in the order the module defines them.
CREATE TABLE tblproducts (
  id int(10) NOT NULL AUTO_INCREMENT,
  type text NOT NULL,
  gid int(10) NOT NULL,
  name text NOT NULL,
  slug varchar(128) NOT NULL DEFAULT '',
  description text NOT NULL,
  hidden tinyint(1) NOT NULL,
  showdomainoptions tinyint(1) NOT NULL,
  welcomeemail int(10) NOT NULL DEFAULT 0,
  stockcontrol tinyint(1) NOT NULL,
  qty int(10) NOT NULL DEFAULT 0,
  proratabilling tinyint(1) NOT NULL,
  proratadate int(2) NOT NULL,
  proratachargenextmonth int(2) NOT NULL,
  paytype text NOT NULL,
  allowqty int(1) NOT NULL DEFAULT 0,
  subdomain text NOT NULL,
  autosetup text NOT NULL,
  servertype text NOT NULL,
  servergroup int(10) NOT NULL,
  configoption1 text NOT NULL,
  configoption2 text NOT NULL,
  configoption3 text NOT NULL,
  configoption4 text NOT NULL,
  configoption5 text NOT NULL,
  configoption6 text NOT NULL,
  configoption7 text NOT NULL,
  configoption8 text NOT NULL,
  configoption9 text NOT NULL,
  configoption10 text NOT NULL,
  configoption11 text NOT NULL,
  configoption12 text NOT NULL,
  configoption13 text NOT NULL,
  configoption14 text NOT NULL,
  configoption15 text NOT NULL,
  configoption16 text NOT NULL,
  configoption17 text NOT NULL,
  configoption18 text NOT NULL,
  configoption19 text NOT NULL,
  configoption20 text NOT NULL,
  configoption21 text NOT NULL,
  configoption22 text NOT NULL,
  configoption23 text NOT NULL,
  configoption24 text NOT NULL,
  freedomain text NOT NULL,
  freedomainpaymentterms text NOT NULL,
  freedomaintlds text NOT NULL,
  recurringcycles int(2) NOT NULL,
  autoterminatedays int(4) NOT NULL,
  autoterminateemail int(10) NOT NULL DEFAULT 0,
  configoptionsupgrade tinyint(1) NOT NULL,
  billingcycleupgrade text NOT NULL,
  upgradeemail int(10) NOT NULL DEFAULT 0,
  overagesenabled varchar(10) NOT NULL DEFAULT '',
  overagesdisklimit int(10) NOT NULL,
  overagesbwlimit int(10) NOT NULL,
  overagesdiskprice decimal(6,4) NOT NULL,
  overagesbwprice decimal(6,4) NOT NULL,
  tax tinyint(1) NOT NULL,
  affiliateonetime tinyint(1) NOT NULL,
  affiliatepaytype text NOT NULL,
  affiliatepayamount decimal(16,2) NOT NULL,
  `order` int(10) NOT NULL DEFAULT 0,
  retired tinyint(1) NOT NULL,
  is_featured tinyint(1) NOT NULL,
  color varchar(9) NOT NULL DEFAULT '',
  tagline varchar(255) NOT NULL DEFAULT '',
  short_description varchar(255) NOT NULL DEFAULT '',
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblproducts_gid ON tblproducts (gid);
/* [jooq ignore start] */
CREATE INDEX tblproducts_name ON tblproducts (name(64));
/* [jooq ignore stop] */

-- Configurable options: groups, linked to products, holding options (optiontype 1..4; 3 = yes/no and
-- 4 = quantity answer with the qty) and their sub-options.
CREATE TABLE tblproductconfiggroups (
  id int(10) NOT NULL AUTO_INCREMENT,
  name text NOT NULL,
  description text NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE TABLE tblproductconfiglinks (
  id int(10) NOT NULL AUTO_INCREMENT,
  gid int(10) NOT NULL,
  pid int(10) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblproductconfiglinks_gid ON tblproductconfiglinks (gid);
CREATE INDEX tblproductconfiglinks_pid ON tblproductconfiglinks (pid);

CREATE TABLE tblproductconfigoptions (
  id int(10) NOT NULL AUTO_INCREMENT,
  gid int(10) NOT NULL DEFAULT 0,
  optionname text NOT NULL,
  optiontype text NOT NULL,
  qtyminimum int(10) NOT NULL,
  qtymaximum int(10) NOT NULL,
  `order` int(1) NOT NULL DEFAULT 0,
  hidden tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblproductconfigoptions_gid ON tblproductconfigoptions (gid);

CREATE TABLE tblproductconfigoptionssub (
  id int(10) NOT NULL AUTO_INCREMENT,
  configid int(10) NOT NULL,
  optionname text NOT NULL,
  sortorder int(10) NOT NULL DEFAULT 0,
  hidden tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblproductconfigoptionssub_configid ON tblproductconfigoptionssub (configid);

-- type: product (relid = product id, values keyed by service id), addon, client, ...;
-- fieldname may read "Name|Display name".
CREATE TABLE tblcustomfields (
  id int(10) NOT NULL AUTO_INCREMENT,
  type text NOT NULL,
  relid int(10) NOT NULL DEFAULT 0,
  fieldname text NOT NULL,
  fieldtype text NOT NULL,
  description text NOT NULL,
  fieldoptions text NOT NULL,
  regexpr text NOT NULL,
  adminonly text NOT NULL,
  required text NOT NULL,
  showorder text NOT NULL,
  showinvoice text NOT NULL,
  sortorder int(10) NOT NULL DEFAULT 0,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblcustomfields_relid ON tblcustomfields (relid);
/* [jooq ignore start] */
CREATE INDEX tblcustomfields_type_relid ON tblcustomfields (type(16), relid);
/* [jooq ignore stop] */

CREATE TABLE tblcustomfieldsvalues (
  id int(10) unsigned NOT NULL AUTO_INCREMENT,
  fieldid int(10) NOT NULL,
  relid int(10) NOT NULL,
  value text NOT NULL,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblcustomfieldsvalues_fieldid_relid ON tblcustomfieldsvalues (fieldid, relid);
CREATE INDEX tblcustomfieldsvalues_relid ON tblcustomfieldsvalues (relid);

-- Product addons catalogue; packages = comma-separated product ids the addon is offered with.
CREATE TABLE tbladdons (
  id int(10) NOT NULL AUTO_INCREMENT,
  packages text NOT NULL,
  name text NOT NULL,
  description text NOT NULL,
  billingcycle text NOT NULL,
  allowqty tinyint(1) NOT NULL DEFAULT 0,
  tax tinyint(1) NOT NULL,
  showorder tinyint(1) NOT NULL,
  hidden tinyint(1) NOT NULL DEFAULT 0,
  retired tinyint(1) NOT NULL DEFAULT 0,
  downloads text NOT NULL,
  autoactivate text NOT NULL,
  suspendproduct tinyint(1) NOT NULL,
  welcomeemail int(10) NOT NULL,
  type varchar(16) NOT NULL DEFAULT '',
  module varchar(64) NOT NULL DEFAULT '',
  server_group_id int(10) NOT NULL DEFAULT 0,
  prorate tinyint(1) NOT NULL DEFAULT 0,
  weight int(2) NOT NULL DEFAULT 0,
  autolinkby text NOT NULL,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

/* [jooq ignore start] */
CREATE INDEX tbladdons_name ON tbladdons (name(32));
/* [jooq ignore stop] */
