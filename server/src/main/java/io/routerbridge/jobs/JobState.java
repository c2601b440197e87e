package io.routerbridge.jobs;

public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED
}
