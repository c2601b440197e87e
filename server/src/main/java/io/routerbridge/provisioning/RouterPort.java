package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import java.util.List;

/**
 * The port (an interface) the convergence engine talks to a router through; sentences are the RouterOS client's
 * value type. The implementation over a live session is {@code fleet.RouterSessionPort}; tests use an in-memory
 * router.
 */
public interface RouterPort {

    /**
     * Sends all sentences in one pipelined round trip, in the given order, and returns one reply per sentence in
     * the same order. A {@code !trap} is a reply with an error, not an exception; an unreachable router or a broken
     * connection throws (unchecked) before or instead of answering.
     */
    List<CommandReply> pipeline(List<Sentence> sentences);
}
