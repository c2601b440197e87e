-- Clients and their services (products ordered), as WHMCS 8 lays them out.

CREATE TABLE tblclients (
  id int(10) NOT NULL AUTO_INCREMENT,
  uuid varchar(255) NOT NULL DEFAULT '',
  firstname text NOT NULL,
  lastname text NOT NULL,
  companyname text NOT NULL,
  email text NOT NULL,
  address1 text NOT NULL,
  address2 text NOT NULL,
  city text NOT NULL,
  state text NOT NULL,
  postcode text NOT NULL,
  country text NOT NULL,
  phonenumber text NOT NULL,
  tax_id varchar(128) NOT NULL DEFAULT '',
  password text NOT NULL,
  authmodule text NOT NULL,
  authdata text NOT NULL,
  currency int(10) NOT NULL,
  defaultgateway text NOT NULL,
  credit decimal(16,2) NOT NULL,
  taxexempt tinyint(1) NOT NULL,
  latefeeoveride tinyint(1) NOT NULL,
  overideduenotices tinyint(1) NOT NULL,
  separateinvoices tinyint(1) NOT NULL,
  disableautocc tinyint(1) NOT NULL,
  datecreated date NOT NULL,
  notes text NOT NULL,
  billingcid int(10) NOT NULL,
  securityqid int(10) NOT NULL,
  securityqans text NOT NULL,
  groupid int(10) NOT NULL,
  cardtype varchar(255) NOT NULL DEFAULT '',
  cardlastfour text NOT NULL,
  cardnum blob NOT NULL,
  startdate blob NOT NULL,
  expdate blob NOT NULL,
  issuenumber blob NOT NULL,
  bankname text NOT NULL,
  banktype text NOT NULL,
  bankcode blob NOT NULL,
  bankacct blob NOT NULL,
  gatewayid text NOT NULL,
  lastlogin datetime NULL DEFAULT NULL,
  ip text NOT NULL,
  host text NOT NULL,
  status enum('Active','Inactive','Closed') NOT NULL DEFAULT 'Active',
  language text NOT NULL,
  pwresetkey text NOT NULL,
  emailoptout int(1) NOT NULL,
  marketing_emails_opt_in tinyint(1) unsigned NOT NULL DEFAULT 0,
  overrideautoclose int(1) NOT NULL,
  allow_sso tinyint(1) NOT NULL DEFAULT 1,
  email_verified tinyint(1) NOT NULL DEFAULT 0,
  email_preferences text NULL DEFAULT NULL,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  pwresetexpiry timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

/* [jooq ignore start] */
CREATE INDEX tblclients_firstname_lastname ON tblclients (firstname(32), lastname(32));
CREATE INDEX tblclients_email ON tblclients (email(64));
/* [jooq ignore stop] */
CREATE INDEX tblclients_status ON tblclients (status, id);

CREATE TABLE tblhosting (
  id int(10) NOT NULL AUTO_INCREMENT,
  userid int(10) NOT NULL,
  orderid int(10) NOT NULL,
  packageid int(10) NOT NULL,
  server int(10) NOT NULL,
  regdate date NOT NULL,
  domain text NOT NULL,
  paymentmethod text NOT NULL,
  qty int(10) unsigned NOT NULL DEFAULT 1,
  firstpaymentamount decimal(16,2) NOT NULL DEFAULT 0.00,
  amount decimal(16,2) NOT NULL DEFAULT 0.00,
  billingcycle text NOT NULL,
  nextduedate date NULL DEFAULT NULL,
  nextinvoicedate date NOT NULL,
  termination_date date NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00' /* [jooq ignore stop] */,
  completed_date date NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00' /* [jooq ignore stop] */,
  domainstatus enum('Pending','Active','Suspended','Terminated','Cancelled','Fraud','Completed') NOT NULL DEFAULT 'Pending',
  username text NOT NULL,
  password text NOT NULL,
  notes text NOT NULL,
  subscriptionid text NOT NULL,
  promoid int(10) NOT NULL,
  promocount int(10) NULL DEFAULT 0,
  suspendreason text NOT NULL,
  overideautosuspend tinyint(1) NOT NULL,
  overidesuspenduntil date NOT NULL,
  dedicatedip text NOT NULL,
  assignedips text NOT NULL,
  ns1 text NOT NULL,
  ns2 text NOT NULL,
  diskusage int(10) NOT NULL DEFAULT 0,
  disklimit int(10) NOT NULL DEFAULT 0,
  bwusage int(10) NOT NULL DEFAULT 0,
  bwlimit int(10) NOT NULL DEFAULT 0,
  lastupdate datetime NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblhosting_serviceid ON tblhosting (id);
CREATE INDEX tblhosting_userid ON tblhosting (userid);
CREATE INDEX tblhosting_orderid ON tblhosting (orderid);
CREATE INDEX tblhosting_productid ON tblhosting (packageid);
CREATE INDEX tblhosting_serverid ON tblhosting (server);
CREATE INDEX tblhosting_domainstatus ON tblhosting (domainstatus);
/* [jooq ignore start] */
CREATE INDEX tblhosting_domain ON tblhosting (domain(64));
CREATE INDEX tblhosting_username ON tblhosting (username(8));
/* [jooq ignore stop] */

-- Product addons a service has (tbladdons is the catalogue).
CREATE TABLE tblhostingaddons (
  id int(10) NOT NULL AUTO_INCREMENT,
  orderid int(10) NOT NULL,
  hostingid int(10) NOT NULL,
  addonid int(10) NOT NULL,
  userid int(10) NOT NULL DEFAULT 0,
  server int(10) NOT NULL DEFAULT 0,
  name text NOT NULL,
  qty int(10) unsigned NOT NULL DEFAULT 1,
  firstpaymentamount decimal(16,2) NOT NULL DEFAULT 0.00,
  setupfee decimal(16,2) NOT NULL DEFAULT 0.00,
  recurring decimal(16,2) NOT NULL DEFAULT 0.00,
  billingcycle text NOT NULL,
  tax text NOT NULL,
  status enum('Pending','Active','Suspended','Terminated','Cancelled','Fraud','Completed') NOT NULL DEFAULT 'Pending',
  regdate date NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00' /* [jooq ignore stop] */,
  nextduedate date NULL DEFAULT NULL,
  nextinvoicedate date NOT NULL,
  termination_date date NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00' /* [jooq ignore stop] */,
  proratadate date NOT NULL,
  paymentmethod text NOT NULL,
  notes text NOT NULL,
  subscriptionid varchar(128) NOT NULL DEFAULT '',
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblhostingaddons_orderid ON tblhostingaddons (orderid);
CREATE INDEX tblhostingaddons_serviceid ON tblhostingaddons (hostingid);
CREATE INDEX tblhostingaddons_addonid ON tblhostingaddons (addonid);
CREATE INDEX tblhostingaddons_userid ON tblhostingaddons (userid);
CREATE INDEX tblhostingaddons_status ON tblhostingaddons (status);

-- Configurable options chosen for a service: relid = tblhosting.id, optionid = tblproductconfigoptionssub.id.
CREATE TABLE tblhostingconfigoptions (
  id int(10) NOT NULL AUTO_INCREMENT,
  relid int(10) NOT NULL,
  configid int(10) NOT NULL,
  optionid int(10) NOT NULL,
  qty int(10) NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblhostingconfigoptions_relid_configid ON tblhostingconfigoptions (relid, configid);
