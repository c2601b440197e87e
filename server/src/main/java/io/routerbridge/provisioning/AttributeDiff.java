package io.routerbridge.provisioning;

/**
 * One attribute that differs: what we want (as we would write it, or null when the attribute must not be there)
 * and what the router shows (as printed, or null when it does not print it).
 */
public record AttributeDiff(String name, String desired, String actual) {
}
