package io.routerbridge.config;

/** Everything {@code serve} needs, read from the environment (SPEC §4). */
public record ServiceConfig(DatabaseConfig database, String httpHost, int httpPort, Secret sharedSecret,
                            MasterKeys masterKeys) {
    public static final int MIN_SHARED_SECRET_LENGTH = 32;

    public static ServiceConfig fromEnvironment(Environment env) {
        DatabaseConfig database = DatabaseConfig.fromEnvironment(env);
        String httpHost = env.optional("RB_HTTP_HOST", "127.0.0.1");
        int httpPort = env.requiredInt("RB_HTTP_PORT", 0, 65535);
        Secret sharedSecret = new Secret(env.required("RB_SHARED_SECRET"));
        if (sharedSecret.length() < MIN_SHARED_SECRET_LENGTH) {
            throw new ConfigException("RB_SHARED_SECRET must be at least " + MIN_SHARED_SECRET_LENGTH
                    + " characters long (it has " + sharedSecret.length() + ")");
        }
        MasterKeys masterKeys = MasterKeys.fromEnvironment(env);
        return new ServiceConfig(database, httpHost, httpPort, sharedSecret, masterKeys);
    }
}
