package io.routerbridge.emulator.api;

import io.routerbridge.emulator.ip.Ipv4;
import io.routerbridge.emulator.menu.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A print query: `?` words evaluated on a stack that starts as infinitely many {@code true} values;
 * a row matches when no {@code false} is left.
 */
final class Query implements Predicate<Map<String, String>> {
    private interface Step {
        void apply(Stack stack, Map<String, String> row);
    }

    private final List<Step> steps;

    private Query(List<Step> steps) {
        this.steps = steps;
    }

    static Query compile(List<String> words) {
        List<Step> steps = new ArrayList<>();
        for (String w : words) {
            steps.add(compileWord(w.substring(1)));
        }
        return new Query(steps);
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    @Override
    public boolean test(Map<String, String> row) {
        if (steps.isEmpty()) {
            return true;
        }
        Stack stack = new Stack();
        for (Step s : steps) {
            s.apply(stack, row);
        }
        return stack.allTrue();
    }

    private static Step compileWord(String w) {
        if (w.startsWith("#")) {
            return compileOps(w.substring(1));
        }
        if (w.startsWith("-")) {
            String name = w.substring(1);
            return (st, row) -> st.push(!row.containsKey(name));
        }
        char op = '=';
        String body = w;
        if (w.startsWith("<") || w.startsWith(">") || w.startsWith("=")) {
            op = w.charAt(0);
            body = w.substring(1);
        }
        int eq = body.indexOf('=');
        if (eq < 0) {
            if (op != '=' || body.isEmpty()) {
                throw ApiError.of("invalid query word ?" + w, 1);
            }
            String name = body;
            return (st, row) -> st.push(row.containsKey(name));
        }
        String name = body.substring(0, eq);
        String value = body.substring(eq + 1);
        return switch (op) {
            case '<' -> (st, row) -> st.push(row.containsKey(name) && compare(row.get(name), value) < 0);
            case '>' -> (st, row) -> st.push(row.containsKey(name) && compare(row.get(name), value) > 0);
            default -> (st, row) -> st.push(row.containsKey(name) && equalValues(row.get(name), value));
        };
    }

    private static Step compileOps(String ops) {
        return (st, row) -> {
            int i = 0;
            while (i < ops.length()) {
                char c = ops.charAt(i);
                if (Character.isDigit(c)) {
                    int j = i;
                    while (j < ops.length() && Character.isDigit(ops.charAt(j))) {
                        j++;
                    }
                    int index = Integer.parseInt(ops.substring(i, Math.min(j, i + 6)));
                    boolean v = st.peek(index);
                    if (j == ops.length()) {
                        st.replaceAll(v);
                    } else {
                        st.push(v);
                        if (ops.charAt(j) == '.') {
                            j++;
                        }
                    }
                    i = j;
                    continue;
                }
                switch (c) {
                    case '!' -> st.push(!st.pop());
                    case '&' -> {
                        boolean a = st.pop();
                        boolean b = st.pop();
                        st.push(a && b);
                    }
                    case '|' -> {
                        boolean a = st.pop();
                        boolean b = st.pop();
                        st.push(a || b);
                    }
                    case '.' -> st.push(st.peek(0));
                    default -> throw ApiError.of("invalid query operation " + c, 1);
                }
                i++;
            }
        };
    }

    static boolean equalValues(String actual, String wanted) {
        if (actual.equals(wanted)) {
            return true;
        }
        if (actual.equals("true")) {
            return wanted.equals("yes");
        }
        if (actual.equals("false")) {
            return wanted.equals("no");
        }
        return false;
    }

    static int compare(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException ignored) {
            // not both numbers
        }
        long ia = Ipv4.parse(a);
        long ib = Ipv4.parse(b);
        if (ia >= 0 && ib >= 0) {
            return Long.compare(ia, ib);
        }
        return a.compareTo(b);
    }

    /** The evaluation stack; below the pushed values lies an endless run of {@code fill}. */
    private static final class Stack {
        private final ArrayList<Boolean> values = new ArrayList<>();
        private boolean fill = true;

        void push(boolean v) {
            values.add(v);
        }

        boolean pop() {
            return values.isEmpty() ? fill : values.remove(values.size() - 1);
        }

        boolean peek(int fromTop) {
            int idx = values.size() - 1 - fromTop;
            return idx >= 0 ? values.get(idx) : fill;
        }

        void replaceAll(boolean v) {
            values.clear();
            fill = v;
        }

        boolean allTrue() {
            return fill && !values.contains(Boolean.FALSE);
        }
    }
}
