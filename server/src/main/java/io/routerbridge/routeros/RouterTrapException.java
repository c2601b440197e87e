package io.routerbridge.routeros;

import java.util.List;
import java.util.stream.Collectors;

/** The router answered the command with one or more {@code !trap}s; the message is the traps joined with ", ". */
public class RouterTrapException extends RouterOsException {
    private final String path;
    private final Reply reply;

    public RouterTrapException(String path, Reply reply) {
        super(reply.traps().stream().map(Trap::message).collect(Collectors.joining(", ")));
        this.path = path;
        this.reply = reply;
    }

    /** The command path that failed, e.g. {@code /ppp/secret/add}. */
    public String path() {
        return path;
    }

    public List<Trap> traps() {
        return reply.traps();
    }

    /** Everything the router answered, including any rows and the {@code !done} ret that came with the traps. */
    public Reply reply() {
        return reply;
    }
}
