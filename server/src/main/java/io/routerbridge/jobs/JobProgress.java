package io.routerbridge.jobs;

/** What a running job reports about itself; updates are written through at once. */
public interface JobProgress {
    void total(long total);

    void done(long done);
}
