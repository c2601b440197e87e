package io.routerbridge.ipam.netbox;

/** What an unassign does to the NetBox object: mark it deprecated (the default, keeps history) or delete it. */
public enum NetBoxReleaseMode {
    DEPRECATE,
    DELETE
}
