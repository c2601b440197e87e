package io.routerbridge.ipam.alerts;

/** An alert ready to be e-mailed by WHMCS (localAPI SendAdminEmail). */
public record Alert(long id, String subject, String message) {
}
