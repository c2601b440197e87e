package io.routerbridge.jobs;

import java.util.Map;

/** The body of a job: reports progress and answers its summary. */
@FunctionalInterface
public interface JobWork {
    Map<String, Object> run(JobProgress progress);
}
