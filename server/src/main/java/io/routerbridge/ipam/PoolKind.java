package io.routerbridge.ipam;

/** What a pool hands out: single addresses, or aligned prefix blocks (e.g. tenant /29s or /64s). */
public enum PoolKind {
    ADDRESS,
    PREFIX
}
