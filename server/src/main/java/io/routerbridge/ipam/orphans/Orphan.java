package io.routerbridge.ipam.orphans;

/** An assigned block whose WHMCS service is gone, dead, or no longer names it. */
public record Orphan(HeldBlock block, OrphanReason reason) {
}
