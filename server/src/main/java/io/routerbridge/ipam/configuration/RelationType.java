package io.routerbridge.ipam.configuration;

/** What a relation's target id is: a WHMCS product, server, product addon or configurable-option value. */
public enum RelationType {
    PRODUCT,
    SERVER,
    ADDON,
    CONFIGOPTION
}
