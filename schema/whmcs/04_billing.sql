-- Invoices and their lines; an InvoicePaid hook finds the services it paid through
-- tblinvoiceitems (type 'Hosting', relid = tblhosting.id; 'Addon' → tblhostingaddons.id).

CREATE TABLE tblinvoices (
  id int(10) NOT NULL AUTO_INCREMENT,
  userid int(10) NOT NULL,
  invoicenum text NOT NULL,
  date date NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00' /* [jooq ignore stop] */,
  duedate date NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00' /* [jooq ignore stop] */,
  datepaid datetime NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  last_capture_attempt datetime NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  date_refunded datetime NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  date_cancelled datetime NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  subtotal decimal(16,2) NOT NULL,
  credit decimal(16,2) NOT NULL,
  tax decimal(16,2) NOT NULL,
  tax2 decimal(16,2) NOT NULL,
  total decimal(16,2) NOT NULL DEFAULT 0.00,
  taxrate decimal(10,3) NOT NULL,
  taxrate2 decimal(10,3) NOT NULL,
  status text NOT NULL,
  paymentmethod text NOT NULL,
  paymethodid int(10) unsigned NULL DEFAULT NULL,
  notes text NOT NULL,
  created_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  updated_at timestamp NOT NULL /* [jooq ignore start] */ DEFAULT '0000-00-00 00:00:00' /* [jooq ignore stop] */,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblinvoices_userid ON tblinvoices (userid);
/* [jooq ignore start] */
CREATE INDEX tblinvoices_status ON tblinvoices (status(3));
/* [jooq ignore stop] */

CREATE TABLE tblinvoiceitems (
  id int(10) NOT NULL AUTO_INCREMENT,
  invoiceid int(10) NOT NULL DEFAULT 0,
  userid int(10) NOT NULL,
  type varchar(30) NOT NULL,
  relid int(10) NOT NULL,
  description text NOT NULL,
  amount decimal(16,2) NOT NULL DEFAULT 0.00,
  taxed int(1) NOT NULL,
  duedate date NULL DEFAULT NULL,
  paymentmethod text NOT NULL,
  notes text NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;

CREATE INDEX tblinvoiceitems_invoiceid ON tblinvoiceitems (invoiceid);
CREATE INDEX tblinvoiceitems_userid ON tblinvoiceitems (userid, type, relid);
