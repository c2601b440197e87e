package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import java.util.ArrayList;
import java.util.List;

/**
 * Read → plan → write against one router in at most two sequential round trips: one pipelined read of every
 * owned menu (plus the runtime tables the actions need), one pipelined write of the plan. Callers serialise runs
 * per router; a failed write leaves the database untouched as the truth, and the next run converges.
 */
public final class Converger {

    private final RouterPort commands;

    public Converger(RouterPort commands) {
        this.commands = commands;
    }

    /** Reads the router and returns what would be done, without writing (one round trip). */
    public Plan preview(DesiredState desired) {
        return Planner.plan(desired, read(desired));
    }

    /** The drift report for this desired state (one round trip). */
    public Drift drift(DesiredState desired) {
        return preview(desired).drift();
    }

    /** Reads, plans and applies (two round trips; one when nothing needs to change). */
    public ApplyResult apply(DesiredState desired) {
        Plan plan = preview(desired);
        if (plan.isEmpty()) {
            return new ApplyResult(plan, List.of(), List.of());
        }
        List<Sentence> sentences = PlanApplier.sentences(plan);
        List<CommandReply> replies = commands.pipeline(sentences);
        List<ApplyResult.Failure> failures = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            CommandReply reply = i < replies.size() ? replies.get(i) : CommandReply.trap("no reply");
            if (reply.failed()) {
                failures.add(new ApplyResult.Failure(sentences.get(i), reply.error()));
            }
        }
        return new ApplyResult(plan, sentences, failures);
    }

    private ActualState read(DesiredState desired) {
        List<Sentence> prints = StateReader.readSentences(desired);
        return StateReader.parse(prints, commands.pipeline(prints));
    }
}
