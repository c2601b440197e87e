package io.routerbridge;

import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.api.ApiKeyRepository;
import io.routerbridge.api.ApiKeys;
import io.routerbridge.api.IssuedApiKey;
import io.routerbridge.config.DatabaseConfig;
import io.routerbridge.config.Environment;
import io.routerbridge.db.Database;
import io.routerbridge.db.Migrations;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** {@code create-api-key --name N}: stores a new REST API key and prints it, the one time it is shown. */
final class CreateApiKeyCommand implements CliCommand {
    @Override
    public String usage() {
        return "create-api-key --name N      create a REST API key; it is printed once, on the last line";
    }

    @Override
    public int run(List<String> args, Environment env, PrintStream out) {
        if (args.size() != 2 || !args.get(0).equals("--name") || args.get(1).isBlank()) {
            throw new IllegalArgumentException("usage: " + usage());
        }
        DatabaseConfig config = DatabaseConfig.fromEnvironment(env);
        try (HikariDataSource pool = Database.pool(config)) {
            new Migrations(pool).migrate();
            ApiKeys keys = new ApiKeys(new ApiKeyRepository(Database.dsl(pool)), Clock.systemUTC());
            IssuedApiKey issued = keys.create(args.get(1));
            out.println("routerbridge: API key \"" + issued.key().name() + "\" created with id " + issued.key().keyId()
                    + "; store it now, it cannot be shown again:");
            out.println(issued.text());
            return 0;
        }
    }
}
