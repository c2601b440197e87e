package io.routerbridge.ipam.integration;

/**
 * One integration that could not be told of a committed change ({@code operation} is "addIp" or "removeIp"). IPAM's
 * own state stands regardless; the failure is reported to whoever caused the change and written to the action log.
 */
public record IntegrationFailure(String integration, String operation, String address, String message) {
}
