package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Plan} into API sentences (plain data, sent by whoever holds a connection) and into the
 * human-readable lines admins review before bulk changes.
 */
public final class PlanApplier {

    /** Ids per {@code remove} sentence for runtime tables, which can be large. */
    static final int IDS_PER_REMOVE = 200;

    private PlanApplier() {
    }

    /** Every change in plan order, then the actions; one sentence per change. */
    public static List<Sentence> sentences(Plan plan) {
        List<Sentence> sentences = new ArrayList<>();
        for (Change change : plan.changes()) {
            sentences.add(sentence(change));
        }
        for (Action action : plan.actions()) {
            sentences.addAll(sentences(action));
        }
        return sentences;
    }

    public static Sentence sentence(Change change) {
        String path = change.menu().path();
        if (change instanceof Change.Add add) {
            Sentence sentence = Sentence.of(path + "/add");
            for (Map.Entry<String, String> attribute : add.object().attributes().entrySet()) {
                sentence = sentence.with(attribute.getKey(), attribute.getValue());
            }
            sentence = sentence.with("comment", add.object().marker().comment());
            return add.placeBefore() == null ? sentence : sentence.with("place-before", add.placeBefore());
        }
        if (change instanceof Change.Update update) {
            Sentence sentence = Sentence.of(path + "/set").with(".id", update.id());
            for (AttributeDiff diff : update.diffs()) {
                sentence = sentence.with(diff.name(), diff.desired());
            }
            return sentence;
        }
        Change.Remove remove = (Change.Remove) change;
        return Sentence.of(path + "/remove").with(".id", remove.row().id());
    }

    static List<Sentence> sentences(Action action) {
        String path;
        List<String> ids;
        if (action instanceof Action.KickSessions kick) {
            path = ActualState.PPP_ACTIVE;
            ids = kick.sessionIds();
        } else {
            Action.DropConnections drop = (Action.DropConnections) action;
            path = ActualState.CONNECTIONS;
            ids = drop.connectionIds();
        }
        List<Sentence> sentences = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_REMOVE) {
            String joined = String.join(",", ids.subList(from, Math.min(ids.size(), from + IDS_PER_REMOVE)));
            sentences.add(Sentence.of(path + "/remove").with(".id", joined));
        }
        return sentences;
    }

    /**
     * One line per sentence, words separated by spaces; a word with spaces, quotes, backslashes or control
     * characters is shown quoted and escaped so every word stays visibly one word. Passwords are masked.
     */
    public static List<String> explain(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (Sentence sentence : sentences(plan)) {
            lines.add(explain(sentence));
        }
        for (Conflict conflict : plan.conflicts()) {
            lines.add("# blocked: " + conflict.desired().menu().path() + " " + conflict.desired().marker()
                    + " conflicts with unowned " + conflict.blocking().id());
        }
        return lines;
    }

    public static String explain(Sentence sentence) {
        List<String> shown = new ArrayList<>();
        shown.add(sentence.path());
        sentence.attributes().forEach((name, value) -> shown.add(quoteIfNeeded(name.equals("password")
                ? "=password=" + "*".repeat(Math.min(8, Math.max(3, value.length())))
                : "=" + name + "=" + value)));
        List<String> words = sentence.words();
        for (String word : words.subList(1 + sentence.attributes().size(), words.size())) {
            shown.add(quoteIfNeeded(word));
        }
        return String.join(" ", shown);
    }

    static String quoteIfNeeded(String word) {
        boolean plain = !word.isEmpty();
        for (int i = 0; i < word.length() && plain; i++) {
            char c = word.charAt(i);
            plain = c > ' ' && c != '"' && c != '\\' && c != 0x7F;
        }
        if (plain) {
            return word;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7F) {
                        quoted.append(String.format("\\x%02X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
