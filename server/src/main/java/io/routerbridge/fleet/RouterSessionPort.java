package io.routerbridge.fleet;

import io.routerbridge.provisioning.CommandReply;
import io.routerbridge.provisioning.RouterPort;
import io.routerbridge.routeros.Reply;
import io.routerbridge.routeros.RouterOsException;
import io.routerbridge.routeros.RouterSession;
import io.routerbridge.routeros.RouterTrapException;
import io.routerbridge.routeros.Sentence;
import io.routerbridge.routeros.Trap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** The implementation of provisioning's {@link RouterPort} over one session of our RouterOS client: all sentences of a call go out in one pipelined flush. */
public final class RouterSessionPort implements RouterPort {
    private final RouterSession session;

    public RouterSessionPort(RouterSession session) {
        this.session = session;
    }

    @Override
    public List<CommandReply> pipeline(List<Sentence> sentences) {
        List<CompletableFuture<Reply>> futures = session.pipeline(sentences);
        List<CommandReply> replies = new ArrayList<>(futures.size());
        RouterOsException broken = null;
        for (CompletableFuture<Reply> future : futures) {
            try {
                replies.add(reply(future.get()));
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RouterTrapException trap) {
                    replies.add(CommandReply.trap(messages(trap.traps())));
                } else if (cause instanceof RouterOsException failure) {
                    broken = broken == null ? failure : broken;
                    replies.add(null);
                } else {
                    throw new IllegalStateException("unexpected failure talking to the router", cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the router", e);
            }
        }
        if (broken != null) {
            throw broken;
        }
        return replies;
    }


    private static CommandReply reply(Reply reply) {
        if (reply.trapped()) {
            return CommandReply.trap(messages(reply.traps()));
        }
        return new CommandReply(reply.rows(), reply.ret().orElse(null), null);
    }

    private static String messages(List<Trap> traps) {
        return traps.stream().map(Trap::message).collect(Collectors.joining(", "));
    }
}
