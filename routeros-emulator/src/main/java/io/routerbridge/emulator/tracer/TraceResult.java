package io.routerbridge.emulator.tracer;

import java.util.List;

/**
 * What happened to a traced packet.
 *
 * @param verdict        "accept", "drop" or "reject"
 * @param outInterface   the routed out-interface; null for packets to the router itself or without a route
 * @param chain          the filter chain that judged the packet: "forward", "input" or "output"
 * @param steps          human-readable account of every stage, in order
 * @param matchedRuleIds ".id" of every rule whose matchers all held, in evaluation order
 */
public record TraceResult(String verdict, String finalSrcAddress, Integer finalSrcPort,
                          String finalDstAddress, Integer finalDstPort, String outInterface,
                          String chain, List<String> steps, List<String> matchedRuleIds) {
}
