package io.routerbridge.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** Command line: starts an emulator and runs until killed. */
public final class EmulatorMain {
    private static final Set<String> OPTIONS = Set.of("--port", "--user", "--password", "--tls-port",
            "--ros-version", "--latency-ms", "--control-port", "--bind");
    private static final String USAGE = "usage: routeros-emulator --port 8728 --user admin --password PASS"
            + " [--tls-port 8729] [--ros-version 7.19] [--latency-ms N] [--control-port P] [--bind 127.0.0.1]";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "routeros-emulator-logback.xml");
        }
        EmulatorConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("routeros-emulator: " + e.getMessage() + " — " + USAGE);
            System.exit(2);
            return;
        }
        RouterOsEmulator emu;
        try {
            emu = RouterOsEmulator.start(config);
        } catch (RuntimeException e) {
            System.err.println("routeros-emulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emu::close));
        StringBuilder line = new StringBuilder("routeros-emulator listening: api=" + emu.apiPort());
        if (emu.tlsPort() > 0) {
            line.append(" api-ssl=").append(emu.tlsPort()).append(" sha256=").append(emu.tlsCertificateSha256());
        }
        if (emu.controlPort() > 0) {
            line.append(" control=").append(emu.controlPort());
        }
        line.append(" ros-version=").append(config.rosVersion());
        System.out.println(line);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static EmulatorConfig parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!OPTIONS.contains(a)) {
                throw new IllegalArgumentException("unknown argument " + a);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            if (values.put(a, args[++i]) != null) {
                throw new IllegalArgumentException(a + " given twice");
            }
        }
        for (String required : new String[] {"--port", "--user", "--password"}) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        EmulatorConfig.Builder b = EmulatorConfig.builder()
                .apiPort(port(values, "--port"))
                .user(values.get("--user"))
                .password(values.get("--password"));
        if (values.get("--user").isEmpty()) {
            throw new IllegalArgumentException("--user must not be empty");
        }
        if (values.containsKey("--tls-port")) {
            b.tlsPort(port(values, "--tls-port"));
        }
        if (values.containsKey("--control-port")) {
            b.controlPort(port(values, "--control-port"));
        }
        if (values.containsKey("--ros-version")) {
            String v = values.get("--ros-version");
            if (!v.matches("\\d+(\\.\\d+){0,2}")) {
                throw new IllegalArgumentException("--ros-version must look like 7.19, got " + v);
            }
            b.rosVersion(v);
        }
        if (values.containsKey("--latency-ms")) {
            b.latencyMs(number(values, "--latency-ms", 0, 600_000));
        }
        if (values.containsKey("--bind")) {
            b.bindAddress(values.get("--bind"));
        }
        return b.build();
    }

    private static int port(Map<String, String> values, String name) {
        return number(values, name, 0, 65535);
    }

    private static int number(Map<String, String> values, String name, int min, int max) {
        String v = values.get(name);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", got " + v);
        }
    }
}
