package io.routerbridge.jobs;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long jobs one at a time on a background thread and keeps their state in the database, so any
 * instance can answer GET /api/v1/jobs/{id}. A job still RUNNING when the process died stays so; its
 * started_at tells how old it is.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final JobRepository repository;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "routerbridge-jobs");
        thread.setDaemon(true);
        return thread;
    });

    public Jobs(JobRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Queues the work; answers the new job's id at once. */
    public long submit(String kind, String requestedBy, JobWork work) {
        long id = repository.insertQueued(kind, requestedBy, clock.instant());
        worker.submit(() -> execute(id, work));
        return id;
    }

    /** Like {@link #submit} and waits for the end (tests, command line). */
    public Job runAndWait(String kind, String requestedBy, JobWork work) {
        long id = submit(kind, requestedBy, work);
        Future<?> marker = worker.submit(() -> { });
        try {
            marker.get();
        } catch (Exception e) {
            throw new IllegalStateException("job " + id + " could not be awaited", e);
        }
        return get(id);
    }

    public Job get(long id) {
        return repository.find(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    private void execute(long id, JobWork work) {
        repository.markRunning(id, clock.instant());
        JobProgress progress = new JobProgress() {
            @Override
            public void total(long total) {
                repository.setTotal(id, total);
            }

            @Override
            public void done(long done) {
                repository.setDone(id, done);
            }
        };
        try {
            Map<String, Object> summary = work.run(progress);
            repository.markSucceeded(id, summary, clock.instant());
        } catch (Exception e) {
            log.warn("job {} failed", id, e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            repository.markFailed(id, message.length() > 1000 ? message.substring(0, 1000) : message, clock.instant());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
