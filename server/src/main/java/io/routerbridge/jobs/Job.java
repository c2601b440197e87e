package io.routerbridge.jobs;

import java.time.Instant;
import java.util.Map;

/** A long-running job as polled by clients; {@code summary} is the job's own result, once it has one. */
public record Job(long id, String kind, JobState state, long done, long total, Map<String, Object> summary,
                  String error, String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt) {
}
