package io.routerbridge.jobs;

public final class JobNotFoundException extends RuntimeException {
    public JobNotFoundException(long id) {
        super("job " + id + " does not exist");
    }
}
