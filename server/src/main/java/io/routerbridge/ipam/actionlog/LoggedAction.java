package io.routerbridge.ipam.actionlog;

import java.time.Instant;

/** One row of the action log. serviceId, address and assignmentId are null when the action has none. */
public record LoggedAction(long id, Instant at, Actor actor, String action, Long serviceId, String address,
                           Long assignmentId, String detail) {
}
