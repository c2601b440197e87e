package io.routerbridge.emulator.tracer;

import java.util.ArrayList;
import java.util.List;

/** A RouterOS port list such as "22,80,8000-8100". */
final class PortSet {
    private record Span(int first, int last) {
    }

    private final List<Span> spans;

    private PortSet(List<Span> spans) {
        this.spans = spans;
    }

    static PortSet parse(String text) {
        List<Span> spans = new ArrayList<>();
        for (String item : text.split(",")) {
            String trimmed = item.trim();
            int dash = trimmed.indexOf('-');
            int first = parsePort(dash >= 0 ? trimmed.substring(0, dash) : trimmed, text);
            int last = dash >= 0 ? parsePort(trimmed.substring(dash + 1), text) : first;
            if (last < first) {
                throw new IllegalArgumentException("port range ends before it starts: " + text);
            }
            spans.add(new Span(first, last));
        }
        return new PortSet(spans);
    }

    /** The first port of a {@code to-ports} value ("80" or "8000-8100"). */
    static int firstPort(String text) {
        return parse(text).spans.get(0).first();
    }

    private static int parsePort(String text, String whole) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a port: " + whole);
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new IllegalArgumentException("not a port: " + whole);
        }
        return port;
    }

    boolean contains(int port) {
        return spans.stream().anyMatch(span -> port >= span.first() && port <= span.last());
    }
}
