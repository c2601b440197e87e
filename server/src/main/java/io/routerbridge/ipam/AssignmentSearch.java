package io.routerbridge.ipam;

import java.util.List;

/** Reads assignments, live and past, for operators and the REST API. */
public final class AssignmentSearch {
    private final AssignmentRepository assignments;

    public AssignmentSearch(AssignmentRepository assignments) {
        this.assignments = assignments;
    }

    public Assignment get(long id) {
        return assignments.find(id).orElseThrow(() -> new IpamNotFoundException("assignment", id));
    }

    public List<Assignment> find(AssignmentFilter filter) {
        return assignments.find(filter);
    }
}
