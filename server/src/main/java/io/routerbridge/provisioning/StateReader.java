package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read side: which prints give the actual state for a desired state, and how their replies become an
 * {@link ActualState}. API queries match exactly, so there is no prefix query for our comments: each owned
 * menu is printed whole with a {@code .proplist} and filtered by marker in the planner (which also needs the
 * foreign rows, as placement anchors and for conflicts). All prints go in one pipelined round trip.
 */
public final class StateReader {

    private StateReader() {
    }

    public static List<Sentence> readSentences(DesiredState desired) {
        List<Sentence> sentences = new ArrayList<>();
        for (Menu menu : Menu.values()) {
            sentences.add(print(menu.path(), menu.readAttributes()));
        }
        sentences.add(print(ActualState.PPP_ACTIVE, List.of(".id", "name")));
        if (needsConnections(desired)) {
            sentences.add(print(ActualState.CONNECTIONS, List.of(".id", "src-address", "dst-address")));
        }
        return sentences;
    }

    private static Sentence print(String menuPath, List<String> proplist) {
        return Sentence.of(menuPath + "/print").proplist(proplist.toArray(String[]::new));
    }

    /**
     * Builds the actual state from the replies to {@link #readSentences}, in the same order.
     *
     * @throws RouterReadException when a print failed: planning on a partial read could re-add objects
     */
    public static ActualState parse(List<Sentence> sentences, List<CommandReply> replies) {
        if (sentences.size() != replies.size()) {
            throw new RouterReadException("expected " + sentences.size() + " replies, got " + replies.size());
        }
        Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
        for (int i = 0; i < sentences.size(); i++) {
            String command = sentences.get(i).path();
            String path = command.substring(0, command.length() - "/print".length());
            CommandReply reply = replies.get(i);
            if (reply.failed()) {
                throw new RouterReadException("reading " + path + " failed: " + reply.error());
            }
            rows.put(path, reply.rows());
        }
        return ActualState.of(rows);
    }

    private static boolean needsConnections(DesiredState desired) {
        for (Teardown teardown : desired.teardowns().values()) {
            if (!teardown.connectionPrefixes().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The router's state could not be read completely, so nothing was planned or written. */
    public static final class RouterReadException extends RuntimeException {
        public RouterReadException(String message) {
            super(message);
        }
    }
}
