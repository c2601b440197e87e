package io.routerbridge.ipam.actionlog;

import java.time.Instant;

/** Criteria for reading the log; null means any. Newest first, at most {@code limit} rows. */
public record LogFilter(String action, Long serviceId, String address, Actor.ActorType actorType, String actor,
                        Instant since, Instant until, int limit) {
}
