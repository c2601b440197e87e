package io.routerbridge;

import io.routerbridge.config.ConfigException;
import io.routerbridge.config.Environment;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command line of the service: {@code java -jar routerbridge-server.jar <command> [options]}. */
public final class Main {
    /** Commands by name. */
    private static final Map<String, CliCommand> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", new ServeCommand());
        COMMANDS.put("migrate", new MigrateCommand());
        COMMANDS.put("create-api-key", new CreateApiKeyCommand());
        COMMANDS.put("revoke-api-key", new RevokeApiKeyCommand());
        COMMANDS.put("reconcile", new ReconcileCommand());
        COMMANDS.put("rotate-key", new RotateKeyCommand());
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Environment.system(), System.out, System.err));
    }

    /** Runs one command; a bad setting ends it with one line naming the variable (exit code 2). */
    public static int run(String[] args, Environment env, PrintStream out, PrintStream err) {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            err.println("usage: routerbridge <command>");
            COMMANDS.values().forEach(command -> err.println("  " + command.usage()));
            return 64;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return COMMANDS.get(args[0]).run(rest, env, out);
        } catch (ConfigException e) {
            err.println("routerbridge: configuration error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("routerbridge: " + args[0] + " failed: " + describe(e));
            return 1;
        }
    }

    /** The causes' messages, which name what failed (e.g. the database) without values we hold. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage().lines().findFirst().orElse(""));
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null) {
            text.append(" (cause: ").append(root.getMessage().lines().findFirst().orElse("")).append(')');
        }
        return text.toString();
    }
}
