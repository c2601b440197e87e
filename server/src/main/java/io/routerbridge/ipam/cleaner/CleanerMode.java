package io.routerbridge.ipam.cleaner;

/** NOTIFY only reports; MARK_FREE releases what it finds. */
public enum CleanerMode {
    NOTIFY, MARK_FREE
}
