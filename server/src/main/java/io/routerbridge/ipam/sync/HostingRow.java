package io.routerbridge.ipam.sync;

/** The fields of a tblhosting row that the sync reads. */
public record HostingRow(long serviceId, String status, String dedicatedIp, String assignedIps) {
}
