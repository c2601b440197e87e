package io.routerbridge;

import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.api.ApiKeyRepository;
import io.routerbridge.api.ApiKeys;
import io.routerbridge.config.DatabaseConfig;
import io.routerbridge.config.Environment;
import io.routerbridge.db.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** {@code revoke-api-key --id KEYID}: revokes a key; a running service stops accepting it within the cache TTL. */
final class RevokeApiKeyCommand implements CliCommand {
    @Override
    public String usage() {
        return "revoke-api-key --id KEYID    revoke a REST API key (KEYID: the 16 hex digits after rbk_)";
    }

    @Override
    public int run(List<String> args, Environment env, PrintStream out) {
        if (args.size() != 2 || !args.get(0).equals("--id") || args.get(1).isBlank()) {
            throw new IllegalArgumentException("usage: " + usage());
        }
        DatabaseConfig config = DatabaseConfig.fromEnvironment(env);
        try (HikariDataSource pool = Database.pool(config)) {
            ApiKeys keys = new ApiKeys(new ApiKeyRepository(Database.dsl(pool)), Clock.systemUTC());
            boolean revoked = keys.revoke(args.get(1).trim());
            out.println(revoked ? "routerbridge: API key " + args.get(1).trim() + " revoked"
                    : "routerbridge: no active API key with id " + args.get(1).trim());
            return revoked ? 0 : 1;
        }
    }
}
