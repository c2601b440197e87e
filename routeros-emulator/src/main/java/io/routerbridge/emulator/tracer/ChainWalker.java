package io.routerbridge.emulator.tracer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks one chain of a table in print order, following {@code jump} into user chains and
 * {@code return} back out, until a rule with a terminal action matches.
 */
final class ChainWalker {
    /** Guards against jump loops, which would otherwise never end. */
    private static final int MAX_JUMP_DEPTH = 16;

    private static final Set<String> FILTER_CONTINUING = Set.of(
            "log", "passthrough", "add-src-to-address-list", "add-dst-to-address-list", "fasttrack-connection");
    private static final Set<String> NAT_CONTINUING = Set.of(
            "log", "passthrough", "add-src-to-address-list", "add-dst-to-address-list");

    private enum Ending { TERMINAL, RETURNED, FELL_THROUGH }

    private record Walk(Ending ending, Map<String, String> rule) {
    }

    private final List<Map<String, String>> table;
    private final RuleMatcher.Table kind;
    private final String stage;
    private final Set<String> terminalActions;
    private final RuleMatcher matcher;
    private final TracedPacket packet;
    private final List<String> steps;
    private final List<String> matchedRuleIds;

    ChainWalker(List<Map<String, String>> table, RuleMatcher.Table kind, String stage, Set<String> terminalActions,
                RuleMatcher matcher, TracedPacket packet, List<String> steps, List<String> matchedRuleIds) {
        this.table = table;
        this.kind = kind;
        this.stage = stage;
        this.terminalActions = terminalActions;
        this.matcher = matcher;
        this.packet = packet;
        this.steps = steps;
        this.matchedRuleIds = matchedRuleIds;
    }

    /** The rule whose terminal action decided, or null when the chain ended without one. */
    Map<String, String> walk(String chain) {
        Walk walk = walk(chain, 0);
        return walk.ending() == Ending.TERMINAL ? walk.rule() : null;
    }

    private Walk walk(String chain, int depth) {
        for (Map<String, String> rule : table) {
            if (!chain.equals(rule.get("chain"))) {
                continue;
            }
            String id = rule.getOrDefault(".id", "?");
            String action = rule.getOrDefault("action", "accept");
            String label = stage + ": rule " + id + " (chain=" + chain + " action=" + action + ")";
            if (RouterView.isTrue(rule.get("disabled"))) {
                steps.add(label + " skipped: disabled");
                continue;
            }
            if (RouterView.isTrue(rule.get("invalid"))) {
                steps.add(label + " skipped: invalid");
                continue;
            }
            RuleMatcher.Outcome outcome = matcher.evaluate(rule, packet, kind);
            if (!outcome.matched()) {
                steps.add(label + (outcome.unsupported() ? " treated as not matching: " : " no match: ")
                        + outcome.reason());
                continue;
            }
            if (action.equals("jump")) {
                String target = rule.get("jump-target");
                if (target == null || target.isEmpty()) {
                    steps.add(label + " matched but has no jump-target; ignored");
                    continue;
                }
                if (depth >= MAX_JUMP_DEPTH) {
                    steps.add(label + " matched but jumps deeper than " + MAX_JUMP_DEPTH + " chains (loop?); ignored");
                    continue;
                }
                matchedRuleIds.add(id);
                steps.add(label + " matched: jump to chain " + target);
                Walk inner = walk(target, depth + 1);
                if (inner.ending() == Ending.TERMINAL) {
                    return inner;
                }
                steps.add(stage + ": back in chain " + chain + " after " + id);
            } else if (action.equals("return")) {
                matchedRuleIds.add(id);
                steps.add(label + " matched: return from chain " + chain);
                return new Walk(Ending.RETURNED, null);
            } else if (terminalActions.contains(action)) {
                matchedRuleIds.add(id);
                steps.add(label + " matched");
                return new Walk(Ending.TERMINAL, rule);
            } else if ((kind == RuleMatcher.Table.FILTER ? FILTER_CONTINUING : NAT_CONTINUING).contains(action)) {
                matchedRuleIds.add(id);
                steps.add(label + " matched; " + action + " continues with the next rule");
            } else {
                steps.add(label + " matched but action " + action + " is not modelled at " + stage + "; ignored");
            }
        }
        return new Walk(Ending.FELL_THROUGH, null);
    }
}
