package io.routerbridge.emulator;

import io.routerbridge.emulator.api.ApiSession;
import io.routerbridge.emulator.control.ControlServer;
import io.routerbridge.emulator.ip.Ipv4;
import io.routerbridge.emulator.menu.ApiError;
import io.routerbridge.emulator.menu.RouterMenus;
import io.routerbridge.emulator.menu.RouterState;
import io.routerbridge.emulator.menu.ValueTypes;
import io.routerbridge.emulator.tls.TlsMaterial;
import io.routerbridge.emulator.tracer.Packet;
import io.routerbridge.emulator.tracer.PacketTracer;
import io.routerbridge.emulator.tracer.RuleSource;
import io.routerbridge.emulator.tracer.TraceResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RouterOS API server (plain and API-SSL) over an in-memory router, with fault injection and an
 * optional HTTP control port. Start it with {@link #start(EmulatorConfig)}; close it when done.
 */
public final class RouterOsEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterOsEmulator.class);

    private final EmulatorConfig config;
    private final RouterState state;
    private final Faults faults;
    private final TlsMaterial tlsMaterial;
    private final Map<Long, ApiSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<String[]>> pppSessionRows = new ConcurrentHashMap<>();
    private final List<ApiSession> finishedSessions = new ArrayList<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final Listener plain;
    private final Listener secure;
    private final ControlServer control;
    private final Object rebootLock = new Object();
    private volatile boolean closed;

    private RouterOsEmulator(EmulatorConfig config) throws IOException, GeneralSecurityException {
        this.config = config;
        this.state = new RouterState(config.rosVersion(), RouterMenus.all(config.rosVersion()));
        this.faults = new Faults(config.latencyMs());
        this.tlsMaterial = !config.tls() ? null
                : config.tlsKeystore() != null
                ? TlsMaterial.fromKeystore(config.tlsKeystore(), config.tlsKeystorePassword())
                : TlsMaterial.selfSigned();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emulator-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(state::expireNow, 1, 1, TimeUnit.SECONDS);
        state.addListener("/ppp/active", this::onPppActiveChange);
        this.plain = new Listener(false, config.apiPort());
        this.secure = config.tls() ? new Listener(true, config.tlsPort()) : null;
        this.control = config.controlPort() ? new ControlServer(this, config.bindAddress(),
                config.controlPortNumber()) : null;
    }

    public static RouterOsEmulator start(EmulatorConfig config) {
        try {
            RouterOsEmulator emu = new RouterOsEmulator(config);
            emu.plain.open();
            if (emu.secure != null) {
                emu.secure.open();
            }
            if (emu.control != null) {
                emu.control.start();
            }
            return emu;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up API-SSL: " + e.getMessage(), e);
        }
    }

    public EmulatorConfig config() {
        return config;
    }

    public int apiPort() {
        return plain.port;
    }

    /** The API-SSL port, or -1 without TLS. */
    public int tlsPort() {
        return secure == null ? -1 : secure.port;
    }

    /** The HTTP control port, or -1 without one. */
    public int controlPort() {
        return control == null ? -1 : control.port();
    }

    /** Lower-case hex SHA-256 of the API-SSL certificate (DER). */
    public String tlsCertificateSha256() {
        requireTls();
        return tlsMaterial.sha256();
    }

    public String tlsCertificatePem() {
        requireTls();
        return tlsMaterial.pem();
    }

    private void requireTls() {
        if (tlsMaterial == null) {
            throw new IllegalStateException("the emulator was started without TLS");
        }
    }

    public Faults faults() {
        return faults;
    }

    public RouterState state() {
        return state;
    }

    /** Fresh router: initial configuration, no faults, zeroed counters. Open API connections stay. */
    public void reset() {
        state.reset();
        faults.clear();
        resetStats();
    }

    /**
     * Reboots the router: every API connection is dropped, sessions/connection tracking/dynamic entries
     * are lost, and the API ports refuse connections for {@code downtimeMs}. Returns at once.
     */
    public void reboot(int downtimeMs) {
        synchronized (rebootLock) {
            plain.shut();
            if (secure != null) {
                secure.shut();
            }
            for (ApiSession s : List.copyOf(sessions.values())) {
                s.close();
            }
            state.reboot();
            timer.schedule(this::comeBackUp, Math.max(0, downtimeMs), TimeUnit.MILLISECONDS);
        }
    }

    public void reboot() {
        reboot(config.rebootDowntimeMs());
    }

    private void comeBackUp() {
        synchronized (rebootLock) {
            if (closed) {
                return;
            }
            try {
                plain.open();
                if (secure != null) {
                    secure.open();
                }
            } catch (IOException e) {
                LOG.error("cannot reopen the API ports after a reboot", e);
            }
        }
    }

    /**
     * A PPP client connects: needs an enabled secret of that name whose service is {@code any} or the
     * given one. Returns the /ppp/active .id.
     */
    public String connectPppClient(String name, String service, String address, String callerId) {
        Map<String, String> secret = state.row("/ppp/secret", name);
        if (secret == null || "true".equals(secret.get("disabled"))) {
            throw new IllegalStateException("no enabled /ppp/secret named " + name);
        }
        String svc = service == null || service.isEmpty() ? "l2tp" : service;
        String secretService = secret.get("service");
        if (!"any".equals(secretService) && !svc.equals(secretService)) {
            throw new IllegalStateException("secret " + name + " is for service " + secretService);
        }
        String addr = address;
        if (addr == null || addr.isEmpty()) {
            addr = secret.get("remote-address");
        }
        if (addr != null && Ipv4.parse(addr) < 0) {
            throw new IllegalArgumentException("address must be an IPv4 address");
        }
        LinkedHashMap<String, String> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("service", svc);
        row.put("caller-id", callerId == null ? "" : callerId);
        if (addr != null) {
            row.put("address", addr);
        }
        row.put("encoding", svc.equals("l2tp") || svc.equals("pptp") ? "cbc(aes) + hmac(sha1)" : "");
        row.put("session-id", "0x" + Long.toHexString(0x81000000L + sessionIds.incrementAndGet()).toUpperCase());
        row.put("limit-bytes-in", secret.getOrDefault("limit-bytes-in", "0"));
        row.put("limit-bytes-out", secret.getOrDefault("limit-bytes-out", "0"));
        synchronized (state) {
            String activeId = state.insertSystemRow("/ppp/active", row, true);
            String ifName = "<" + svc + "-" + name + ">";
            List<String[]> created = new ArrayList<>();
            if (state.row("/interface", ifName) == null) {
                created.add(new String[] {"/interface", state.insertSystemRow("/interface", Map.of("name", ifName,
                        "type", svc + "-in", "mtu", "1450", "actual-mtu", "1450"), true)});
            }
            String local = localAddressFor(secret);
            if (local != null && addr != null) {
                created.add(new String[] {"/ip/address", state.insertSystemRow("/ip/address", Map.of(
                        "address", local + "/32", "network", addr, "interface", ifName,
                        "actual-interface", ifName), true)});
            }
            String queueLimit = rateLimitOf(secret);
            if (queueLimit != null) {
                created.add(new String[] {"/queue/simple", state.insertSystemRow("/queue/simple", Map.of(
                        "name", ifName, "target", ifName, "max-limit", queueLimit, "limit-at", queueLimit), true)});
            }
            pppSessionRows.put(activeId, created);
            return activeId;
        }
    }

    /** The router's end of a PPP link: the secret's local-address, else the profile's (an IP or a pool's first). */
    private String localAddressFor(Map<String, String> secret) {
        String local = secret.get("local-address");
        if (local != null) {
            return local;
        }
        Map<String, String> profile = state.row("/ppp/profile", secret.getOrDefault("profile", "default"));
        String fromProfile = profile == null ? null : profile.get("local-address");
        if (fromProfile == null) {
            return null;
        }
        if (Ipv4.parse(fromProfile) >= 0) {
            return fromProfile;
        }
        Map<String, String> pool = state.row("/ip/pool", fromProfile);
        if (pool == null) {
            return null;
        }
        long[] range = Ipv4.parseRange(pool.get("ranges").split(",")[0]);
        return range == null ? null : Ipv4.format(range[0]);
    }

    /**
     * The first rx/tx pair of the profile's rate-limit in bits (a missing tx copies rx), for the dynamic
     * queue RouterOS gives a rate-limited session; null without a usable rate-limit.
     */
    private String rateLimitOf(Map<String, String> secret) {
        Map<String, String> profile = state.row("/ppp/profile", secret.getOrDefault("profile", "default"));
        String rateLimit = profile == null ? null : profile.get("rate-limit");
        if (rateLimit == null || rateLimit.isBlank()) {
            return null;
        }
        String[] pair = rateLimit.trim().split("\\s+")[0].split("/", -1);
        try {
            String rx = ValueTypes.parseRate("rate-limit", pair[0]);
            String tx = pair.length > 1 ? ValueTypes.parseRate("rate-limit", pair[1]) : rx;
            return rx + "/" + tx;
        } catch (ApiError malformed) {
            return null;
        }
    }

    /** A session ending (kick, reboot) takes its dynamic interface, address and queue with it. */
    private void onPppActiveChange(String path, String id, Map<String, String> row) {
        if (row != null) {
            return;
        }
        List<String[]> created = pppSessionRows.remove(id);
        if (created != null) {
            for (int i = created.size() - 1; i >= 0; i--) {
                state.removeSystemRow(created.get(i)[0], created.get(i)[1]);
            }
        }
    }

    /** Adds a connection-tracking entry (src/dst as ip[:port]); returns its .id. */
    public String addConnection(Map<String, String> fields) {
        for (String required : List.of("protocol", "src-address", "dst-address")) {
            if (fields.get(required) == null || fields.get(required).isEmpty()) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        for (String addressField : List.of("src-address", "dst-address", "reply-src-address", "reply-dst-address")) {
            String v = fields.get(addressField);
            if (v != null && !validIpPort(v)) {
                throw new IllegalArgumentException(addressField + " must be ip or ip:port, got " + v);
            }
        }
        for (String key : fields.keySet()) {
            if (!state.spec("/ip/firewall/connection").fields().containsKey(key)) {
                throw new IllegalArgumentException("unknown connection field " + key);
            }
        }
        LinkedHashMap<String, String> row = new LinkedHashMap<>(fields);
        row.putIfAbsent("reply-src-address", fields.get("dst-address"));
        row.putIfAbsent("reply-dst-address", fields.get("src-address"));
        if ("tcp".equals(fields.get("protocol"))) {
            row.putIfAbsent("tcp-state", "established");
        }
        return state.insertSystemRow("/ip/firewall/connection", row, true);
    }

    private static boolean validIpPort(String v) {
        int colon = v.indexOf(':');
        if (colon < 0) {
            return Ipv4.parse(v) >= 0;
        }
        String port = v.substring(colon + 1);
        return Ipv4.parse(v.substring(0, colon)) >= 0 && !port.isEmpty() && port.length() <= 5
                && port.chars().allMatch(Character::isDigit) && Integer.parseInt(port) <= 65535;
    }

    /** The router's tables as the packet tracer reads them (print rows; unknown menus are empty). */
    public RuleSource ruleSource() {
        return path -> state.hasMenu(path) ? state.rows(path) : List.of();
    }

    /**
     * Traces the first packet of a new connection through dstnat, routing, filter and srcnat.
     *
     * @throws IllegalArgumentException when the packet's addresses or protocol are malformed
     */
    public TraceResult trace(Packet packet) {
        return PacketTracer.trace(packet, ruleSource());
    }

    public Stats stats() {
        List<Stats.ConnectionStats> rows = new ArrayList<>();
        List<ApiSession> all = new ArrayList<>();
        synchronized (finishedSessions) {
            all.addAll(finishedSessions);
        }
        all.addAll(sessions.values());
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        long sentences = 0;
        long commands = 0;
        long roundTrips = 0;
        for (ApiSession s : all) {
            var c = s.counters();
            rows.add(new Stats.ConnectionStats(s.id(), s.remote(), s.tls(), s.isOpen(), c.sentences(), c.commands(),
                    c.roundTrips()));
            sentences += c.sentences();
            commands += c.commands();
            roundTrips += c.roundTrips();
        }
        return new Stats(new Stats.Counters(sentences, commands, roundTrips), rows);
    }

    /** Zeroes every counter and forgets closed connections. */
    public void resetStats() {
        synchronized (finishedSessions) {
            finishedSessions.clear();
        }
        for (ApiSession s : sessions.values()) {
            s.counters().reset();
        }
    }

    /** Number of API connections currently open. */
    public int openConnections() {
        return sessions.size();
    }

    @Override
    public void close() {
        synchronized (rebootLock) {
            closed = true;
            plain.shut();
            if (secure != null) {
                secure.shut();
            }
        }
        for (ApiSession s : List.copyOf(sessions.values())) {
            s.close();
        }
        if (control != null) {
            control.stop();
        }
        timer.shutdownNow();
    }

    private final ApiSession.Host host = new ApiSession.Host() {
        @Override
        public RouterState state() {
            return state;
        }

        @Override
        public Faults faults() {
            return faults;
        }

        @Override
        public EmulatorConfig config() {
            return config;
        }

        @Override
        public void sessionClosed(ApiSession session) {
            if (sessions.remove(session.id()) != null) {
                synchronized (finishedSessions) {
                    finishedSessions.add(session);
                }
            }
        }
    };

    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    /** One listening port; it can be shut and reopened on the same port (reboot). */
    private final class Listener {
        private final boolean tls;
        private volatile int port;
        private volatile ServerSocket server;
        private volatile Thread acceptor;

        Listener(boolean tls, int port) {
            this.tls = tls;
            this.port = port;
        }

        void open() throws IOException {
            ServerSocket s = tls ? tlsMaterial.context().getServerSocketFactory().createServerSocket()
                    : new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), port), 256);
            if (s instanceof SSLServerSocket ssl) {
                ssl.setUseClientMode(false);
            }
            port = s.getLocalPort();
            server = s;
            Thread t = new Thread(() -> acceptLoop(s), (tls ? "api-ssl" : "api") + "-accept-" + port);
            t.setDaemon(true);
            acceptor = t;
            t.start();
        }

        void shut() {
            ServerSocket s = server;
            server = null;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            // the JDK closes a listening socket for good only once the thread blocked in accept() has left it
            Thread t = acceptor;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void acceptLoop(ServerSocket s) {
            while (!s.isClosed()) {
                Socket socket;
                try {
                    socket = s.accept();
                } catch (IOException e) {
                    if (s.isClosed()) {
                        return;
                    }
                    LOG.debug("accept failed: {}", e.toString());
                    continue;
                }
                if (faults.closeNewConnections()) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // nothing to do
                    }
                    continue;
                }
                try {
                    socket.setTcpNoDelay(true);
                } catch (IOException ignored) {
                    // best effort
                }
                ApiSession session = new ApiSession(CONNECTION_IDS.incrementAndGet(), socket, tls, host);
                sessions.put(session.id(), session);
                session.start();
            }
        }
    }
}
