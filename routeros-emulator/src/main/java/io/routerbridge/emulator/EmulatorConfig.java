package io.routerbridge.emulator;

import java.nio.file.Path;
import java.util.Objects;

/** How to start a {@link RouterOsEmulator}. Port 0 means an ephemeral port. */
public record EmulatorConfig(String bindAddress, int apiPort, boolean tls, int tlsPort, boolean controlPort,
                             int controlPortNumber, String user, String password, String rosVersion, int latencyMs,
                             int rebootDowntimeMs, Path tlsKeystore, String tlsKeystorePassword) {

    public EmulatorConfig {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(rosVersion, "rosVersion");
        if (!rosVersion.matches("\\d+(\\.\\d+){0,2}")) {
            throw new IllegalArgumentException("ros-version must look like 7.19, got " + rosVersion);
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency must be >= 0 ms");
        }
    }

    /** True when this RouterOS version sends `!empty` for an empty print (7.18 and later). */
    public boolean sendsEmpty() {
        String[] parts = rosVersion.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return major > 7 || (major == 7 && minor >= 18);
    }

    /** True for RouterOS before 6.43, which only knows the MD5 challenge-response login. */
    public boolean legacyLogin() {
        String[] parts = rosVersion.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return major < 6 || (major == 6 && minor < 43);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int apiPort;
        private boolean tls;
        private int tlsPort;
        private boolean controlPort;
        private int controlPortNumber;
        private String user = "admin";
        private String password = "";
        private String rosVersion = "7.19";
        private int latencyMs;
        private int rebootDowntimeMs = 500;
        private Path tlsKeystore;
        private String tlsKeystorePassword;

        public Builder bindAddress(String v) {
            this.bindAddress = v;
            return this;
        }

        public Builder apiPort(int v) {
            this.apiPort = v;
            return this;
        }

        public Builder tls(boolean v) {
            this.tls = v;
            return this;
        }

        public Builder tlsPort(int v) {
            this.tls = true;
            this.tlsPort = v;
            return this;
        }

        public Builder controlPort(boolean v) {
            this.controlPort = v;
            return this;
        }

        public Builder controlPort(int port) {
            this.controlPort = true;
            this.controlPortNumber = port;
            return this;
        }

        public Builder user(String v) {
            this.user = v;
            return this;
        }

        public Builder password(String v) {
            this.password = v;
            return this;
        }

        public Builder rosVersion(String v) {
            this.rosVersion = v;
            return this;
        }

        public Builder latencyMs(int v) {
            this.latencyMs = v;
            return this;
        }

        /** How long a reboot refuses connections. */
        public Builder rebootDowntimeMs(int v) {
            this.rebootDowntimeMs = v;
            return this;
        }

        /** Use this PKCS12 keystore (first key entry) instead of a generated self-signed certificate. */
        public Builder tlsKeystore(Path keystore, String password) {
            this.tlsKeystore = keystore;
            this.tlsKeystorePassword = password;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(bindAddress, apiPort, tls, tlsPort, controlPort, controlPortNumber, user,
                    password, rosVersion, latencyMs, rebootDowntimeMs, tlsKeystore, tlsKeystorePassword);
        }
    }
}
