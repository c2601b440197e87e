package io.routerbridge.routeros;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One API sentence, built from parts: a command path, {@code =name=value} attributes, {@code ?} query words and a
 * {@code .proplist}. Every value travels as (part of) its own word and is never parsed, so no value can turn into
 * another attribute, query or command. Immutable; every builder method returns a new command.
 */
public final class Sentence {
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9][A-Za-z0-9_-]*)+");
    private static final Pattern QUERY_OPS = Pattern.compile("[0-9!&|.]+");

    private final String path;
    private final Map<String, String> attributes;
    private final List<String> queries;
    private final List<String> proplist;

    private Sentence(String path, Map<String, String> attributes, List<String> queries, List<String> proplist) {
        this.path = path;
        this.attributes = attributes;
        this.queries = queries;
        this.proplist = proplist;
    }

    /** A command such as {@code /ip/firewall/address-list/add} or {@code /quit}. */
    public static Sentence of(String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("not a RouterOS command path (like /ip/address/print): " + path);
        }
        return new Sentence(path, Map.of(), List.of(), List.of());
    }

    /** Adds (or replaces) the attribute {@code =name=value}; the value may contain anything, including "=" and "!". */
    public Sentence with(String name, String value) {
        checkName(name);
        if (name.equals(".proplist")) {
            throw new IllegalArgumentException("use proplist(...) for .proplist");
        }
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " has no value (use \"\" for a switch)");
        }
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.put(name, value);
        return new Sentence(path, Collections.unmodifiableMap(copy), queries, proplist);
    }

    /** A valueless switch such as {@code count-only}, sent as {@code =count-only=}. */
    public Sentence with(String name) {
        return with(name, "");
    }

    /** Adds a raw query word, which must start with "?": {@code ?name=x}, {@code ?-name}, {@code ?>comment=}, {@code ?#|}. */
    public Sentence where(String queryWord) {
        if (queryWord == null || queryWord.length() < 2 || queryWord.charAt(0) != '?') {
            throw new IllegalArgumentException("a query word starts with '?' and is not empty: " + queryWord);
        }
        return query(queryWord);
    }

    /** {@code ?name=value}: the property equals value. */
    public Sentence whereEquals(String name, String value) {
        checkName(name);
        return query("?" + name + "=" + requireValue(name, value));
    }

    /** {@code ?<name=value}. */
    public Sentence whereLess(String name, String value) {
        checkName(name);
        return query("?<" + name + "=" + requireValue(name, value));
    }

    /** {@code ?>name=value}. */
    public Sentence whereGreater(String name, String value) {
        checkName(name);
        return query("?>" + name + "=" + requireValue(name, value));
    }

    /** {@code ?name}: the item has the property. */
    public Sentence whereHas(String name) {
        checkName(name);
        return query("?" + name);
    }

    /** {@code ?-name}: the item lacks the property. */
    public Sentence whereLacks(String name) {
        checkName(name);
        return query("?-" + name);
    }

    /** {@code ?#ops}: stack operations, e.g. {@code "|"}, {@code "!"}, {@code "&"}, {@code "0"}. */
    public Sentence whereOps(String ops) {
        if (ops == null || !QUERY_OPS.matcher(ops).matches()) {
            throw new IllegalArgumentException("query operations are digits and ! & | . only: " + ops);
        }
        return query("?#" + ops);
    }

    /** Limits the returned properties ({@code =.proplist=a,b}). */
    public Sentence proplist(String... names) {
        List<String> list = new ArrayList<>();
        for (String name : names) {
            checkName(name);
            if (name.indexOf(',') >= 0) {
                throw new IllegalArgumentException("a property name cannot contain ',': " + name);
            }
            list.add(name);
        }
        return new Sentence(path, attributes, queries, List.copyOf(list));
    }

    public String path() {
        return path;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public List<String> queries() {
        return queries;
    }

    public List<String> proplist() {
        return proplist;
    }

    /** The words of the sentence, without the {@code .tag} the connection adds. */
    public List<String> words() {
        List<String> words = new ArrayList<>(1 + attributes.size() + queries.size() + 1);
        words.add(path);
        attributes.forEach((name, value) -> words.add("=" + name + "=" + value));
        if (!proplist.isEmpty()) {
            words.add("=.proplist=" + String.join(",", proplist));
        }
        words.addAll(queries);
        return words;
    }

    /** For logs: secrets (any attribute whose name mentions password or secret) are masked. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(path);
        attributes.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean secret = lower.contains("password") || lower.contains("secret") || lower.equals("response");
            text.append(" =").append(name).append('=').append(secret ? "***" : value);
        });
        if (!proplist.isEmpty()) {
            text.append(" =.proplist=").append(String.join(",", proplist));
        }
        queries.forEach(q -> text.append(' ').append(q));
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sentence c && words().equals(c.words());
    }

    @Override
    public int hashCode() {
        return words().hashCode();
    }

    private Sentence query(String word) {
        List<String> copy = new ArrayList<>(queries);
        copy.add(word);
        return new Sentence(path, attributes, List.copyOf(copy), proplist);
    }

    private static String requireValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("query on " + name + " has no value");
        }
        return value;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("attribute name is empty");
        }
        if (name.equals(".tag")) {
            throw new IllegalArgumentException(".tag is set by the connection");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '=' || c == '?' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("attribute name cannot contain '=', '?', spaces or control characters: "
                        + name);
            }
        }
        if (name.charAt(0) == '-' || name.charAt(0) == '<' || name.charAt(0) == '>' || name.charAt(0) == '#') {
            throw new IllegalArgumentException("attribute name cannot start with '-', '<', '>' or '#': " + name);
        }
    }
}
