package io.routerbridge.provisioning;

import java.util.List;

/**
 * The port the convergence engine talks to a router through; the RouterOS client implements it
 * ({@code Command.of(s.command()).with(name, value)...where(query)...proplist(...)} per sentence, then
 * {@code RouterSession.pipeline}).
 */
public interface RouterPort {

    /**
     * Sends all sentences in one pipelined round trip, in the given order, and returns one reply per sentence in
     * the same order. A {@code !trap} is a reply with an error, not an exception; an unreachable router or a broken
     * connection throws (unchecked) before or instead of answering.
     */
    List<CommandReply> pipeline(List<ApiSentence> sentences);
}
