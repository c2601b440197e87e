package io.routerbridge.routeros;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Commands to one router, over its pooled connections; safe to share between threads. A broken connection fails
 * the commands in flight on it (commands are never resent, an add may have happened); the next call reconnects.
 */
public interface RouterSession {
    RouterEndpoint endpoint();

    /**
     * Sends one command and waits for its {@code !done}.
     *
     * @throws RouterTrapException if the router answered with traps (message: the traps joined with ", ")
     * @throws RouterOsException   (a subclass) on timeout, connection, login, TLS or open-circuit failure
     */
    Reply execute(Sentence command);

    /** Sends one command; the future fails with the same exceptions {@link #execute} throws. */
    CompletableFuture<Reply> submit(Sentence command);

    /**
     * Sends all commands on one connection with a single flush, without waiting; one future per command, in order.
     * Futures complete on the connection's reader thread: do not block inside their callbacks.
     */
    List<CompletableFuture<Reply>> pipeline(List<Sentence> commands);

    /** {@link #pipeline}, then waits for every reply; throws the first failure (in command order) if any failed. */
    List<Reply> executeAll(List<Sentence> commands);

    /** SHA-256 of the certificate the router presented on the last TLS connection, lower-case hex. */
    Optional<String> certificateSha256();
}
