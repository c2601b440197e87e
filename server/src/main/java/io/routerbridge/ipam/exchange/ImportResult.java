package io.routerbridge.ipam.exchange;

import java.util.List;

/**
 * The outcome of an import. Nothing was changed unless {@link #applied()}: a dry run, or any problem,
 * rolls the whole file back. The counts say what was (or, for a dry run, would have been) created.
 */
public record ImportResult(boolean dryRun, int subnets, int pools, List<ImportProblem> errors) {
    public ImportResult {
        errors = List.copyOf(errors);
    }

    public boolean accepted() {
        return errors.isEmpty();
    }

    public boolean applied() {
        return accepted() && !dryRun;
    }
}
