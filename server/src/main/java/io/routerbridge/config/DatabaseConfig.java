package io.routerbridge.config;

/** Where the WHMCS database (which also holds our mod_routerbridge_* tables) lives. */
public record DatabaseConfig(String url, String user, Secret password, int poolSize) {
    public static final int DEFAULT_POOL_SIZE = 10;

    public static DatabaseConfig fromEnvironment(Environment env) {
        String url = env.required("RB_DB_URL");
        if (!url.startsWith("jdbc:mariadb://")) {
            throw new ConfigException("RB_DB_URL must be a jdbc:mariadb:// URL");
        }
        String user = env.required("RB_DB_USER");
        Secret password = new Secret(env.requiredAllowEmpty("RB_DB_PASSWORD"));
        int poolSize = env.optionalInt("RB_DB_POOL_SIZE", DEFAULT_POOL_SIZE, 1, 200);
        return new DatabaseConfig(url, user, password, poolSize);
    }
}
