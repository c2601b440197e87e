package io.routerbridge.emulator.api;

import io.routerbridge.emulator.EmulatorConfig;
import io.routerbridge.emulator.Faults;
import io.routerbridge.emulator.menu.ApiError;
import io.routerbridge.emulator.menu.MenuSpec;
import io.routerbridge.emulator.menu.RouterState;
import io.routerbridge.emulator.wire.SentenceDecoder;
import io.routerbridge.emulator.wire.WordCodec;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One API connection: a reader thread that executes commands and a writer thread that sends replies on time. */
public final class ApiSession {
    private static final Logger LOG = LoggerFactory.getLogger(ApiSession.class);
    private static final int MAX_SENTENCES_BEFORE_LOGIN = 32;
    private static final Set<String> PRINT_ARGS = Set.of(".proplist", "count-only", "detail", "stats",
            "without-paging", "terse", "brief", "follow", "follow-only", "interval", "as-value", "value-list");
    private static final AtomicLong SEQ = new AtomicLong();

    /** What a session needs from the emulator around it. */
    public interface Host {
        RouterState state();

        Faults faults();

        EmulatorConfig config();

        void sessionClosed(ApiSession session);
    }

    private final long id;
    private final Socket socket;
    private final boolean tls;
    private final Host host;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final DelayQueue<Outgoing> outbox = new DelayQueue<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean loggedIn;
    private byte[] challenge;
    /** Set once a `!fatal` is queued: later sentences are ignored until the writer closes the socket. */
    private boolean ending;
    private int sentencesBeforeLogin;

    /** A long-running command (listen, print follow) and its state listener. */
    private record Running(String tag, RouterState.ChangeListener listener) {
    }

    public ApiSession(long id, Socket socket, boolean tls, Host host) {
        this.id = id;
        this.socket = socket;
        this.tls = tls;
        this.host = host;
    }

    public long id() {
        return id;
    }

    public boolean tls() {
        return tls;
    }

    public String remote() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    public ConnectionCounters counters() {
        return counters;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    public void start() {
        Thread reader = new Thread(this::readLoop, "api-reader-" + id);
        Thread writer = new Thread(this::writeLoop, "api-writer-" + id);
        reader.setDaemon(true);
        writer.setDaemon(true);
        writer.start();
        reader.start();
    }

    /** Drops the connection at once (reboot, drop fault, shutdown). */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Running r : running.values()) {
            host.state().removeListener(r.listener);
        }
        running.clear();
        outbox.clear();
        outbox.add(Outgoing.poison());
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
        host.sessionClosed(this);
    }

    // ---------------------------------------------------------------- reading

    private void readLoop() {
        SentenceDecoder decoder = new SentenceDecoder();
        byte[] buf = new byte[16384];
        try (InputStream in = socket.getInputStream()) {
            while (!closed.get()) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                long readNo = counters.reads.incrementAndGet();
                for (SentenceDecoder.Decoded s : decoder.feed(buf, 0, n, readNo)) {
                    if (!onSentence(s)) {
                        return;
                    }
                }
            }
        } catch (SentenceDecoder.ProtocolViolation e) {
            LOG.debug("connection {}: {}", id, e.getMessage());
        } catch (IOException e) {
            LOG.trace("connection {} read ended: {}", id, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("connection {} failed", id, e);
        } finally {
            close();
        }
    }

    /** Returns false when the connection must end. */
    private boolean onSentence(SentenceDecoder.Decoded decoded) {
        long arrived = System.nanoTime();
        if (ending) {
            return true;
        }
        counters.sentences.incrementAndGet();
        Faults faults = host.faults();
        if (faults.consumeDrop()) {
            return false;
        }
        if (faults.stall()) {
            return true;
        }
        if (!loggedIn && ++sentencesBeforeLogin > MAX_SENTENCES_BEFORE_LOGIN) {
            enqueue(fatal("too many commands before login"), arrived, false, true);
            ending = true;
            return true;
        }
        ReceivedSentence cmd = ReceivedSentence.parse(decoded.words());
        boolean longRunning = isLongRunning(cmd);
        counters.commandArrived(decoded.firstRead(), !longRunning);
        long due = arrived + TimeUnit.MILLISECONDS.toNanos(faults.latencyMs());
        if (cmd.path.equals("/quit")) {
            enqueue(fatal("session terminated on request"), due, true, true);
            ending = true;
            return true;
        }
        Replies replies = new Replies(cmd.tag);
        try {
            execute(cmd, replies, due);
        } catch (ApiError e) {
            replies.clear();
            for (ApiError.Trap t : e.traps()) {
                replies.trap(t.message(), t.category());
            }
            replies.done();
        } catch (RuntimeException e) {
            // an emulator bug: say so on the wire and in the log, keep the connection
            LOG.error("connection {}: command {} failed", id, decoded.words(), e);
            replies.clear();
            replies.trap("failure: emulator internal error: " + e, 4);
            replies.done();
        }
        if (!replies.isEmpty()) {
            enqueue(replies.bytes(), due, !longRunning, false);
        }
        return true;
    }

    private boolean isLongRunning(ReceivedSentence cmd) {
        return loggedIn && (cmd.path.endsWith("/listen")
                || (cmd.path.endsWith("/print") && (cmd.args.containsKey("follow") || cmd.args.containsKey("follow-only"))));
    }

    // ---------------------------------------------------------------- commands

    private void execute(ReceivedSentence cmd, Replies r, long due) {
        if (!cmd.unknownWords.isEmpty()) {
            throw ApiError.unknownParameter(cmd.unknownWords.get(0));
        }
        switch (cmd.path) {
            case "/login" -> {
                login(cmd, r);
                return;
            }
            case "#" -> {
                r.done();
                return;
            }
            case "/cancel" -> {
                if (!loggedIn) {
                    break;
                }
                cancel(cmd, r);
                return;
            }
            default -> {
            }
        }
        if (!loggedIn) {
            throw ApiError.of("not logged in", 5);
        }
        String failure = host.faults().failureFor(cmd.path);
        if (failure != null) {
            throw ApiError.of(failure);
        }
        int slash = cmd.path.lastIndexOf('/');
        String menuPath = slash > 0 ? cmd.path.substring(0, slash) : "";
        String verb = cmd.path.substring(slash + 1);
        RouterState state = host.state();
        MenuSpec spec = state.spec(menuPath);
        if (spec == null || !spec.commands().contains(verb)) {
            throw unknownCommand(state, cmd.path);
        }
        switch (verb) {
            case "print", "getall" -> print(spec, cmd, r, due);
            case "listen" -> listen(spec, cmd, r, due, Query.compile(cmd.queries), proplist(cmd));
            case "add" -> r.doneWithRet(state.add(menuPath, cmd.args));
            case "set" -> {
                Map<String, String> args = new LinkedHashMap<>(cmd.args);
                String ids = takeIds(args, spec);
                state.set(menuPath, ids, args);
                r.done();
            }
            case "remove" -> {
                Map<String, String> args = new LinkedHashMap<>(cmd.args);
                String ids = takeIds(args, spec);
                rejectLeftovers(args);
                state.remove(menuPath, ids);
                r.done();
            }
            case "enable", "disable" -> {
                Map<String, String> args = new LinkedHashMap<>(cmd.args);
                String ids = takeIds(args, spec);
                rejectLeftovers(args);
                state.set(menuPath, ids, Map.of("disabled", verb.equals("disable") ? "yes" : "no"));
                r.done();
            }
            case "unset" -> {
                Map<String, String> args = new LinkedHashMap<>(cmd.args);
                String ids = takeIds(args, spec);
                String valueName = args.remove("value-name");
                rejectLeftovers(args);
                if (valueName == null) {
                    throw ApiError.of("missing value for value-name", 1);
                }
                state.unset(menuPath, ids, valueName);
                r.done();
            }
            case "move" -> {
                Map<String, String> args = new LinkedHashMap<>(cmd.args);
                String ids = takeIds(args, spec);
                String destination = args.remove("destination");
                rejectLeftovers(args);
                state.move(menuPath, ids, destination);
                r.done();
            }
            case "get" -> {
                Map<String, String> args = new LinkedHashMap<>(cmd.args);
                String number = args.remove("number");
                String ids = number != null ? number : takeIds(args, spec);
                String valueName = args.remove("value-name");
                rejectLeftovers(args);
                if (valueName == null) {
                    throw ApiError.of("missing value for value-name", 1);
                }
                r.doneWithRet(state.get(menuPath, ids, valueName));
            }
            default -> throw unknownCommand(state, cmd.path);
        }
    }

    private static ApiError unknownCommand(RouterState state, String path) {
        String[] words = path.substring(1).split("/", -1);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < words.length - 1; i++) {
            prefix.append('/').append(words[i]);
            if (!state.isDirectory(prefix.toString())) {
                return ApiError.unknownCommand(words[i]);
            }
        }
        return ApiError.unknownCommand(words[words.length - 1]);
    }

    private static String takeIds(Map<String, String> args, MenuSpec spec) {
        String ids = args.remove(".id");
        String numbers = args.remove("numbers");
        if (spec.kind() == MenuSpec.Kind.SINGLETON) {
            return null;
        }
        if (ids == null) {
            ids = numbers;
        }
        if (ids == null) {
            throw ApiError.of("missing value(s) of argument(s) numbers", 1);
        }
        return ids;
    }

    private static void rejectLeftovers(Map<String, String> args) {
        if (!args.isEmpty()) {
            throw ApiError.unknownParameter(args.keySet().iterator().next());
        }
    }

    private void login(ReceivedSentence cmd, Replies r) {
        if (host.config().legacyLogin()) {
            legacyLogin(cmd, r);
            return;
        }
        String name = cmd.args.get("name");
        String password = cmd.args.getOrDefault("password", "");
        EmulatorConfig config = host.config();
        if (host.faults().refuseLogins() || name == null || !name.equals(config.user())
                || !password.equals(config.password())) {
            r.trap("invalid user name or password (6)", null);
            r.done();
            return;
        }
        loggedIn = true;
        r.done();
    }

    /** Pre-6.43: `/login` gets a challenge; `/login =name= =response=00<md5(0, password, challenge)>` logs in. */
    private void legacyLogin(ReceivedSentence cmd, Replies r) {
        String response = cmd.args.get("response");
        if (response == null || challenge == null) {
            challenge = new byte[16];
            new java.security.SecureRandom().nextBytes(challenge);
            r.doneWithRet(java.util.HexFormat.of().formatHex(challenge));
            return;
        }
        byte[] expected;
        try {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            md5.update((byte) 0);
            md5.update(host.config().password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md5.update(challenge);
            expected = md5.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        challenge = null;
        String wanted = "00" + java.util.HexFormat.of().formatHex(expected);
        if (host.faults().refuseLogins() || !host.config().user().equals(cmd.args.get("name"))
                || !wanted.equalsIgnoreCase(response)) {
            r.trap("cannot log in", null);
            r.done();
            return;
        }
        loggedIn = true;
        r.done();
    }

    private static Set<String> proplist(ReceivedSentence cmd) {
        String p = cmd.args.get(".proplist");
        if (p == null) {
            return null;
        }
        return new LinkedHashSet<>(Arrays.asList(p.split(",")));
    }

    private void print(MenuSpec spec, ReceivedSentence cmd, Replies r, long due) {
        for (String arg : cmd.args.keySet()) {
            if (!PRINT_ARGS.contains(arg)) {
                throw ApiError.unknownParameter(arg);
            }
        }
        Query query = Query.compile(cmd.queries);
        Set<String> proplist = proplist(cmd);
        if (cmd.args.containsKey("follow-only")) {
            listen(spec, cmd, r, due, query, proplist);
            return;
        }
        List<Map<String, String>> rows = host.state().rows(spec.path());
        int count = 0;
        boolean countOnly = cmd.args.containsKey("count-only");
        for (Map<String, String> row : rows) {
            if (query.test(row)) {
                count++;
                if (!countOnly) {
                    r.row(project(row, proplist));
                }
            }
        }
        if (cmd.args.containsKey("follow")) {
            listen(spec, cmd, r, due, query, proplist);
            return;
        }
        if (countOnly) {
            r.doneWithRet(Integer.toString(count));
            return;
        }
        if (count == 0 && host.config().sendsEmpty()) {
            r.empty();
        }
        r.done();
    }

    private static Map<String, String> project(Map<String, String> row, Set<String> proplist) {
        if (proplist == null) {
            return row;
        }
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (String p : proplist) {
            String v = row.get(p);
            if (v != null) {
                out.put(p, v);
            }
        }
        return out;
    }

    private void listen(MenuSpec spec, ReceivedSentence cmd, Replies r, long due, Query query, Set<String> proplist) {
        String key = cmd.tag == null ? "" : cmd.tag;
        RouterState.ChangeListener listener = (path, itemId, row) -> {
            Replies event = new Replies(cmd.tag);
            if (row == null) {
                LinkedHashMap<String, String> dead = new LinkedHashMap<>();
                dead.put(".id", itemId);
                dead.put(".dead", "yes");
                event.row(dead);
            } else if (query.test(row)) {
                event.row(project(row, proplist));
            } else {
                return;
            }
            enqueue(event.bytes(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(host.faults().latencyMs()),
                    false, false);
        };
        Running previous = running.put(key, new Running(cmd.tag, listener));
        if (previous != null) {
            host.state().removeListener(previous.listener);
        }
        host.state().addListener(spec.path(), listener);
    }

    private void cancel(ReceivedSentence cmd, Replies r) {
        String target = cmd.args.get("tag");
        List<Running> victims = new ArrayList<>();
        if (target == null) {
            victims.addAll(running.values());
            running.clear();
        } else {
            Running one = running.remove(target);
            if (one != null) {
                victims.add(one);
            }
        }
        for (Running v : victims) {
            host.state().removeListener(v.listener);
        }
        for (Running v : victims) {
            r.trapFor(v.tag, "interrupted", 2);
        }
        r.done();
        for (Running v : victims) {
            r.doneFor(v.tag);
        }
    }

    private static byte[] fatal(String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WordCodec.writeSentence(out, List.of("!fatal", reason));
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- writing

    private void enqueue(byte[] bytes, long dueNanos, boolean completesCommand, boolean closeAfter) {
        if (!closed.get()) {
            // replies due within the same millisecond go out in one write
            long due = dueNanos <= System.nanoTime() ? dueNanos
                    : dueNanos - Math.floorMod(dueNanos, 1_000_000L) + 1_000_000L;
            outbox.add(new Outgoing(bytes, due, SEQ.incrementAndGet(), completesCommand, closeAfter));
        }
    }

    private void writeLoop() {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536)) {
            while (true) {
                Outgoing o = outbox.take();
                while (o != null) {
                    if (o.poison) {
                        return;
                    }
                    if (o.completesCommand) {
                        // book-keeping before the bytes can reach the client, so its next command sees it
                        counters.replyCompleting();
                    }
                    out.write(o.bytes);
                    if (o.closeAfter) {
                        out.flush();
                        socket.shutdownOutput();
                        close();
                        return;
                    }
                    o = outbox.poll();
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.trace("connection {} write ended: {}", id, e.toString());
        } finally {
            close();
        }
    }

    private static final class Outgoing implements Delayed {
        final byte[] bytes;
        final long due;
        final long seq;
        final boolean completesCommand;
        final boolean closeAfter;
        final boolean poison;

        Outgoing(byte[] bytes, long due, long seq, boolean completesCommand, boolean closeAfter) {
            this(bytes, due, seq, completesCommand, closeAfter, false);
        }

        private Outgoing(byte[] bytes, long due, long seq, boolean completesCommand, boolean closeAfter,
                         boolean poison) {
            this.bytes = bytes;
            this.due = due;
            this.seq = seq;
            this.completesCommand = completesCommand;
            this.closeAfter = closeAfter;
            this.poison = poison;
        }

        static Outgoing poison() {
            return new Outgoing(new byte[0], Long.MIN_VALUE / 2, -1, false, false, true);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Outgoing other = (Outgoing) o;
            int c = Long.compare(due, other.due);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }

    /** One sentence as it arrived: the command path, its {@code =name=value} arguments, queries and tag. */
    static final class ReceivedSentence {
        String path;
        String tag;
        final LinkedHashMap<String, String> args = new LinkedHashMap<>();
        final List<String> queries = new ArrayList<>();
        final List<String> unknownWords = new ArrayList<>();

        static ReceivedSentence parse(List<String> words) {
            ReceivedSentence c = new ReceivedSentence();
            c.path = words.get(0);
            for (int i = 1; i < words.size(); i++) {
                String w = words.get(i);
                if (w.startsWith("=")) {
                    int eq = w.indexOf('=', 1);
                    if (eq < 0) {
                        c.args.put(w.substring(1), "");
                    } else {
                        c.args.put(w.substring(1, eq), w.substring(eq + 1));
                    }
                } else if (w.startsWith(".tag=")) {
                    String tag = w.substring(5);
                    c.tag = tag.isEmpty() ? null : tag;
                } else if (w.startsWith("?")) {
                    c.queries.add(w);
                } else if (!w.startsWith(".")) {
                    c.unknownWords.add(w);
                }
            }
            return c;
        }
    }

    /** Reply sentences for one command; the tag goes right after the reply word, only when one was sent. */
    private static final class Replies {
        private final String tag;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private boolean containsDone;

        Replies(String tag) {
            this.tag = tag;
        }

        void row(Map<String, String> row) {
            List<String> words = start("!re", tag);
            for (Map.Entry<String, String> e : row.entrySet()) {
                words.add("=" + e.getKey() + "=" + e.getValue());
            }
            WordCodec.writeSentence(out, words);
        }

        void empty() {
            WordCodec.writeSentence(out, start("!empty", tag));
        }

        void done() {
            doneFor(tag);
            containsDone = true;
        }

        void doneFor(String otherTag) {
            WordCodec.writeSentence(out, start("!done", otherTag));
        }

        void doneWithRet(String ret) {
            List<String> words = start("!done", tag);
            words.add("=ret=" + ret);
            WordCodec.writeSentence(out, words);
            containsDone = true;
        }

        void trap(String message, Integer category) {
            trapFor(tag, message, category);
        }

        void trapFor(String otherTag, String message, Integer category) {
            List<String> words = start("!trap", otherTag);
            if (category != null) {
                words.add("=category=" + category);
            }
            words.add("=message=" + message);
            WordCodec.writeSentence(out, words);
        }

        void clear() {
            out.reset();
            containsDone = false;
        }

        boolean isEmpty() {
            return out.size() == 0;
        }

        boolean containsDone() {
            return containsDone;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private static List<String> start(String reply, String tag) {
            List<String> words = new ArrayList<>();
            words.add(reply);
            if (tag != null) {
                words.add(".tag=" + tag);
            }
            return words;
        }
    }
}
