package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import java.util.List;

/** What one apply did: the plan, the sentences sent, and those the router refused (with its message). */
public record ApplyResult(Plan plan, List<Sentence> sent, List<Failure> failures) {

    public record Failure(Sentence sentence, String message) {
    }

    public ApplyResult {
        sent = List.copyOf(sent);
        failures = List.copyOf(failures);
    }

    /** Every sentence was accepted and nothing was blocked by an object we do not own. */
    public boolean converged() {
        return failures.isEmpty() && plan.conflicts().isEmpty();
    }
}
