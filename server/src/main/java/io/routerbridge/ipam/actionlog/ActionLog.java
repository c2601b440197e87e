package io.routerbridge.ipam.actionlog;

import java.time.Clock;
import java.util.List;

/** Append-only record of assign, unassign, release, sync, import and cleaner actions. Thread-safe. */
public final class ActionLog {
    public static final String ASSIGN = "assign";
    public static final String UNASSIGN = "unassign";
    public static final String RELEASE = "release";
    public static final String SYNC = "sync";
    public static final String IMPORT = "import";
    public static final String CLEANER = "cleaner";
    public static final String PUSH = "push";

    private static final int MAX_DETAIL = 2000;

    private final ActionLogRepository repository;
    private final Clock clock;

    public ActionLog(ActionLogRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public void record(Actor actor, String action, Long serviceId, String address, Long assignmentId, String detail) {
        String text = detail == null ? "" : detail;
        repository.insert(clock.instant(), actor, action, serviceId, address, assignmentId,
                text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) : text);
    }

    public List<LoggedAction> find(LogFilter filter) {
        return repository.find(filter);
    }
}
