package io.routerbridge.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One RouterOS API command as plain data: the command word, attribute words ({@code =name=value}, in order),
 * query words ({@code ?...}) and an optional {@code .proplist}. Each value travels as exactly one word whatever it
 * contains (spaces, quotes, {@code =}, {@code !}); nothing is ever parsed back out of a value.
 */
public record ApiSentence(String command, List<Attribute> attributes, List<String> queries, List<String> proplist) {

    private static final Pattern COMMAND = Pattern.compile("(/[a-z0-9-]+)+");
    private static final Pattern NAME = Pattern.compile("\\.?[a-z][a-z0-9-]*");

    /** One {@code =name=value} word. */
    public record Attribute(String name, String value) {
        public Attribute {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid attribute name: " + name);
            }
            if (value == null) {
                throw new IllegalArgumentException("attribute " + name + " has no value");
            }
        }

        public String word() {
            return "=" + name + "=" + value;
        }
    }

    public ApiSentence {
        if (command == null || !COMMAND.matcher(command).matches()) {
            throw new IllegalArgumentException("invalid command: " + command);
        }
        attributes = List.copyOf(attributes);
        queries = List.copyOf(queries);
        proplist = List.copyOf(proplist);
    }

    public static ApiSentence of(String command, List<Attribute> attributes) {
        return new ApiSentence(command, attributes, List.of(), List.of());
    }

    public static ApiSentence print(String menuPath, List<String> proplist) {
        return new ApiSentence(menuPath + "/print", List.of(), List.of(), proplist);
    }

    /** The value of an attribute word, or null. */
    public String attribute(String name) {
        for (Attribute attribute : attributes) {
            if (attribute.name().equals(name)) {
                return attribute.value();
            }
        }
        return null;
    }

    /** The sentence's words as they go on the wire. */
    public List<String> words() {
        List<String> words = new ArrayList<>();
        words.add(command);
        attributes.forEach(attribute -> words.add(attribute.word()));
        if (!proplist.isEmpty()) {
            words.add("=.proplist=" + String.join(",", proplist));
        }
        words.addAll(queries);
        return words;
    }
}
