package io.routerbridge.provisioning;

/**
 * A desired object that cannot be added because an object we may not touch already holds its unique value
 * (an operator's PPP secret with the same name, say). Reported, never forced.
 */
public record Conflict(RouterObject desired, ActualRow blocking) {
}
