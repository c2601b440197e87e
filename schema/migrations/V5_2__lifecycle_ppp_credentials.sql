-- pppoe mode: the subscriber's PPP secret is the WHMCS service's username and password (encrypted like router
-- credentials), kept so the router can be converged without WHMCS (retries, reconcile).
ALTER TABLE mod_routerbridge_service ADD COLUMN ppp_username VARCHAR(64) NULL;
ALTER TABLE mod_routerbridge_service ADD COLUMN ppp_password_ciphertext VARCHAR(1024) NULL;
