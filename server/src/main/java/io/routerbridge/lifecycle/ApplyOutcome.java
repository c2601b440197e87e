package io.routerbridge.lifecycle;

/** Whether the last attempt to bring the router to the service's desired state worked. */
public enum ApplyOutcome {
    PENDING,
    APPLIED,
    FAILED
}
