package io.routerbridge.ipam.sync;

/** The outcome for one token of a service's dedicatedip/assignedips. */
public record SyncItem(long serviceId, String status, String text, SyncOutcome outcome, String detail) {
}
