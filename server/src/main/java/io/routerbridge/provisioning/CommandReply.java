package io.routerbridge.provisioning;

import java.util.List;
import java.util.Map;

/**
 * The router's answer to one sentence: the {@code !re} rows (for a print), the {@code =ret=} of {@code !done}
 * (the new {@code .id} of an add) and the {@code !trap} message when the command failed (null when it succeeded).
 */
public record CommandReply(List<Map<String, String>> rows, String ret, String error) {

    public CommandReply {
        rows = List.copyOf(rows);
    }

    public static CommandReply done(String ret) {
        return new CommandReply(List.of(), ret, null);
    }

    public static CommandReply rows(List<Map<String, String>> rows) {
        return new CommandReply(rows, null, null);
    }

    public static CommandReply trap(String message) {
        return new CommandReply(List.of(), null, message);
    }

    public boolean failed() {
        return error != null;
    }
}
