package io.routerbridge.routeros;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * One logged-in API connection. Any number of threads may send commands at once: each sentence (or batch of
 * sentences) is encoded first and written with a single write and flush under a lock, so sentences never
 * interleave. Every command carries its own {@code .tag}; a single reader thread routes replies to the waiting
 * futures by tag. Anything the connection cannot continue after (EOF, read error, {@code !fatal}, an unknown reply
 * word) fails every pending command and closes it; a command timeout makes it suspect, so it takes no new commands
 * and closes as soon as nothing is pending on it.
 */
final class RouterConnection {
    private static final AtomicLong IDS = new AtomicLong();
    private static final Pattern CHALLENGE = Pattern.compile("[0-9a-fA-F]{32}");

    private final RouterEndpoint endpoint;
    private final ScheduledExecutorService timer;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String certificateSha256;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong tags = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread reader;
    private volatile RouterOsException closeCause;
    private volatile boolean suspect;
    private volatile long lastActivityNanos = System.nanoTime();

    private RouterConnection(RouterEndpoint endpoint, ScheduledExecutorService timer, Socket socket,
                             String certificateSha256) throws IOException {
        this.endpoint = endpoint;
        this.timer = timer;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
        this.certificateSha256 = certificateSha256;
        this.reader = new Thread(this::readLoop, "routeros-reader " + endpoint.address() + " #" + IDS.incrementAndGet());
        this.reader.setDaemon(true);
    }

    /**
     * Connects, does the TLS handshake (checking the pin) when asked, and logs in.
     *
     * @param pinnedSha256   the fingerprint to insist on, or null
     * @param acceptUnpinned with no pin: accept whatever certificate (trust on first use) instead of refusing
     */
    static RouterConnection open(RouterEndpoint endpoint, ClientOptions options, ScheduledExecutorService timer,
                                 String pinnedSha256, boolean acceptUnpinned) {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), connectMillis);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new RouterTimeoutException(describe(endpoint) + ": connect timed out after " + connectMillis + " ms");
        } catch (IOException e) {
            closeQuietly(socket);
            throw new RouterConnectionException(describe(endpoint) + ": cannot connect: " + e.getMessage(), e);
        }
        Socket channel = socket;
        String seenSha256 = null;
        if (endpoint.tls()) {
            PinningTrustManager trust = new PinningTrustManager(pinnedSha256, acceptUnpinned);
            channel = handshake(endpoint, socket, trust, connectMillis);
            seenSha256 = trust.seenSha256();
        }
        RouterConnection connection;
        try {
            connection = new RouterConnection(endpoint, timer, channel, seenSha256);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new RouterConnectionException(describe(endpoint) + ": cannot use the socket: " + e.getMessage(), e);
        }
        connection.reader.start();
        try {
            connection.login(endpoint.username(), endpoint.password(), options.connectTimeout());
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static Socket handshake(RouterEndpoint endpoint, Socket socket, PinningTrustManager trust, int millis) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            SSLSocket ssl = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, endpoint.host(), endpoint.port(), true);
            ssl.setSoTimeout(millis);
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            return ssl;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new RouterTimeoutException(describe(endpoint) + ": TLS handshake timed out after " + millis + " ms");
        } catch (GeneralSecurityException | IOException e) {
            closeQuietly(socket);
            String seen = trust.seenSha256();
            if (trust.mismatch()) {
                throw new RouterTlsException(describe(endpoint) + ": TLS certificate refused: its SHA-256 fingerprint "
                        + seen + " does not match the pinned " + endpoint.pinnedSha256(), seen, e);
            }
            if (trust.refusedUnpinned()) {
                throw new RouterTlsException(describe(endpoint) + ": TLS certificate refused: no fingerprint is pinned;"
                        + " the router presented SHA-256 " + seen + " (pin it, or enable trust on first use)", seen, e);
            }
            String reason = e instanceof SSLException && e.getMessage() != null ? e.getMessage() : e.toString();
            throw new RouterTlsException(describe(endpoint) + ": TLS handshake failed: " + reason, seen, e);
        }
    }

    private void login(String username, String password, Duration timeout) {
        Reply reply = awaitLogin(Sentence.of("/login").with("name", username).with("password", password), timeout);
        Optional<String> challenge = reply.ret();
        if (challenge.isEmpty()) {
            return;
        }
        if (!CHALLENGE.matcher(challenge.get()).matches()) {
            throw new RouterConnectionException(describe() + ": unexpected login challenge '" + challenge.get() + "'");
        }
        awaitLogin(Sentence.of("/login").with("name", username).with("response", legacyResponse(password, challenge.get())),
                timeout);
    }

    /** Pre-6.43 login: "00" + hex(md5(0x00 + password + challenge bytes)). */
    static String legacyResponse(String password, String challengeHex) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) 0);
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(HexFormat.of().parseHex(challengeHex));
            return "00" + HexFormat.of().formatHex(md5.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    private Reply awaitLogin(Sentence login, Duration timeout) {
        CompletableFuture<Reply> future = submitAll(List.of(login), timeout).get(0);
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RouterTrapException trap) {
                throw new RouterLoginException(describe() + ": login refused: " + trap.getMessage());
            }
            if (e.getCause() instanceof RouterTimeoutException) {
                throw new RouterTimeoutException(describe() + ": login got no reply within " + timeout.toMillis() + " ms");
            }
            if (e.getCause() instanceof RouterOsException failure) {
                throw failure;
            }
            throw new RouterConnectionException(describe() + ": login failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new RouterTimeoutException(describe() + ": login got no reply within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouterOsException(describe() + ": interrupted while logging in");
        }
    }

    /**
     * Sends the commands with a single write and flush; each future completes with the command's reply, or fails with
     * {@link RouterTrapException}, {@link RouterTimeoutException} or {@link RouterConnectionException}. Futures are
     * completed on the reader thread: do not block in their callbacks.
     */
    List<CompletableFuture<Reply>> submitAll(List<Sentence> commands, Duration timeout) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * commands.size());
        List<Pending> batch = new ArrayList<>(commands.size());
        for (Sentence command : commands) {
            Pending p = new Pending(Long.toString(tags.incrementAndGet()), command.path());
            List<String> words = new ArrayList<>(command.words());
            words.add(".tag=" + p.tag);
            WireCodec.appendSentence(bytes, words);
            batch.add(p);
        }
        List<CompletableFuture<Reply>> futures = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            pending.put(p.tag, p);
            ScheduledFuture<?> timeoutTask = timer.schedule(() -> timedOut(p, timeout), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            p.future.whenComplete((reply, failure) -> timeoutTask.cancel(false));
            futures.add(p.future);
        }
        if (closed.get()) {
            failBatch(batch, closeCause);
            return futures;
        }
        writeLock.lock();
        try {
            out.write(bytes.toByteArray());
            out.flush();
            lastActivityNanos = System.nanoTime();
        } catch (IOException e) {
            fail(new RouterConnectionException(describe() + ": write failed: " + e.getMessage(), e));
        } finally {
            writeLock.unlock();
        }
        return futures;
    }

    private void failBatch(List<Pending> batch, RouterOsException cause) {
        for (Pending p : batch) {
            pending.remove(p.tag, p);
            p.future.completeExceptionally(cause);
        }
    }

    private void timedOut(Pending p, Duration timeout) {
        if (pending.remove(p.tag, p)) {
            suspect = true; // before the caller hears of the timeout, so its next call gets a fresh connection
            closeIfDrainedAndSuspect();
            p.future.completeExceptionally(new RouterTimeoutException(describe() + ": " + p.path
                    + " got no reply within " + timeout.toMillis() + " ms"));
        }
    }

    private void closeIfDrainedAndSuspect() {
        if (suspect && pending.isEmpty()) {
            fail(new RouterConnectionException(describe() + ": connection discarded after a command timed out"));
        }
    }

    private void readLoop() {
        try {
            while (!closed.get()) {
                List<String> sentence = WireCodec.readSentence(in);
                lastActivityNanos = System.nanoTime();
                if (!sentence.isEmpty()) {
                    dispatch(sentence);
                }
            }
        } catch (RouterOsException e) {
            fail(e);
        } catch (EOFException e) {
            fail(new RouterConnectionException(describe() + ": connection closed by the router"));
        } catch (IOException e) {
            fail(new RouterConnectionException(describe() + ": read failed: " + e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            fail(new RouterConnectionException(describe() + ": reader failed: " + e, e));
        }
    }

    private void dispatch(List<String> sentence) {
        String type = sentence.get(0);
        String tag = null;
        for (int i = 1; i < sentence.size(); i++) {
            if (sentence.get(i).startsWith(".tag=")) {
                tag = sentence.get(i).substring(5);
                break;
            }
        }
        switch (type) {
            case "!fatal" -> {
                List<String> reason = sentence.subList(1, sentence.size()).stream()
                        .filter(word -> !word.startsWith(".tag=")).toList();
                fail(new RouterConnectionException(describe() + ": router ended the session (!fatal): "
                        + String.join(" ", reason)));
            }
            case "!re", "!done", "!trap", "!empty" -> {
                // untagged, or for a command that already timed out: nobody is waiting for it
                Pending p = tag == null ? null : pending.get(tag);
                if (p != null) {
                    p.accept(type, sentence);
                    if (type.equals("!done") && pending.remove(tag, p)) {
                        p.complete();
                        closeIfDrainedAndSuspect();
                    }
                }
            }
            default -> throw new RouterConnectionException(describe() + ": protocol error: unknown reply word '"
                    + type + "'");
        }
    }

    /** Closes the connection with the given reason for everything still pending; idempotent. */
    void fail(RouterOsException cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeCause = cause;
        closeQuietly(socket);
        for (String tag : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(tag);
            if (p != null) {
                p.future.completeExceptionally(cause);
            }
        }
    }

    void close() {
        fail(new RouterConnectionException(describe() + ": connection closed by the client"));
    }

    /** Open and not suspect: fit for new commands. */
    boolean usable() {
        return !closed.get() && !suspect;
    }

    boolean idleLongerThan(Duration interval) {
        return pending.isEmpty() && System.nanoTime() - lastActivityNanos > interval.toNanos();
    }

    Optional<String> certificateSha256() {
        return Optional.ofNullable(certificateSha256);
    }

    Optional<RouterOsException> closeCause() {
        return Optional.ofNullable(closeCause);
    }

    Thread readerThread() {
        return reader;
    }

    private String describe() {
        return describe(endpoint);
    }

    private static String describe(RouterEndpoint endpoint) {
        return "router " + endpoint.address();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /** A command waiting for its {@code !done}; only the reader thread adds to it. */
    private static final class Pending {
        final String tag;
        final String path;
        final CompletableFuture<Reply> future = new CompletableFuture<>();
        final List<Map<String, String>> rows = new ArrayList<>();
        final List<Trap> traps = new ArrayList<>();
        String ret;
        boolean empty;

        Pending(String tag, String path) {
            this.tag = tag;
            this.path = path;
        }

        void accept(String type, List<String> sentence) {
            Map<String, String> attributes = WireCodec.attributes(sentence);
            switch (type) {
                case "!re" -> rows.add(attributes);
                case "!trap" -> traps.add(new Trap(attributes.getOrDefault("message", ""), category(attributes)));
                case "!empty" -> empty = true;
                case "!done" -> ret = attributes.get("ret");
                default -> throw new IllegalStateException(type);
            }
        }

        void complete() {
            Reply reply = new Reply(rows, Optional.ofNullable(ret), traps, empty);
            if (traps.isEmpty()) {
                future.complete(reply);
            } else {
                future.completeExceptionally(new RouterTrapException(path, reply));
            }
        }

        private static Integer category(Map<String, String> attributes) {
            String category = attributes.get("category");
            if (category == null) {
                return null;
            }
            try {
                return Integer.valueOf(category);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
