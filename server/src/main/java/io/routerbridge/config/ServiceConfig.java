package io.routerbridge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code serve} needs, read from the environment (SPEC §4). During a rotation of the secret shared with the
 * PHP module, {@code previousSharedSecret} (RB_SHARED_SECRET_PREVIOUS) is accepted beside the current one.
 */
public record ServiceConfig(DatabaseConfig database, String httpHost, int httpPort, Secret sharedSecret,
                            Optional<Secret> previousSharedSecret, MasterKeys masterKeys) {
    public static final int MIN_SHARED_SECRET_LENGTH = 32;

    public ServiceConfig {
        Objects.requireNonNull(previousSharedSecret);
    }

    /** Without a previous shared secret (no rotation under way). */
    public ServiceConfig(DatabaseConfig database, String httpHost, int httpPort, Secret sharedSecret,
                         MasterKeys masterKeys) {
        this(database, httpHost, httpPort, sharedSecret, Optional.empty(), masterKeys);
    }

    public static ServiceConfig fromEnvironment(Environment env) {
        DatabaseConfig database = DatabaseConfig.fromEnvironment(env);
        String httpHost = env.optional("RB_HTTP_HOST", "127.0.0.1");
        int httpPort = env.requiredInt("RB_HTTP_PORT", 0, 65535);
        Secret sharedSecret = sharedSecret("RB_SHARED_SECRET", env.required("RB_SHARED_SECRET"));
        Optional<Secret> previous = Optional.of(env.optional("RB_SHARED_SECRET_PREVIOUS", ""))
                .filter(value -> !value.isEmpty())
                .map(value -> sharedSecret("RB_SHARED_SECRET_PREVIOUS", value));
        MasterKeys masterKeys = MasterKeys.fromEnvironment(env);
        return new ServiceConfig(database, httpHost, httpPort, sharedSecret, previous, masterKeys);
    }

    /** The secrets a signed request may be signed with: the current one first, then the previous one if set. */
    public List<Secret> acceptedSharedSecrets() {
        List<Secret> accepted = new ArrayList<>(List.of(sharedSecret));
        previousSharedSecret.filter(previous -> !previous.reveal().equals(sharedSecret.reveal()))
                .ifPresent(accepted::add);
        return List.copyOf(accepted);
    }

    private static Secret sharedSecret(String variable, String value) {
        Secret secret = new Secret(value);
        if (secret.length() < MIN_SHARED_SECRET_LENGTH) {
            throw new ConfigException(variable + " must be at least " + MIN_SHARED_SECRET_LENGTH
                    + " characters long (it has " + secret.length() + ")");
        }
        return secret;
    }
}
