package io.routerbridge;

import io.routerbridge.app.Application;
import io.routerbridge.config.Environment;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.lifecycle.LifecycleModule;
import java.io.PrintStream;
import java.util.List;

/** {@code reconcile --router ID [--dry-run]}: converges one router to every service recorded on it, or prints the plan. */
final class ReconcileCommand implements CliCommand {
    @Override
    public String usage() {
        return "reconcile --router ID [--dry-run]  converge a router to the database (or print the plan)";
    }

    @Override
    public int run(List<String> args, Environment env, PrintStream out) {
        Integer routerId = null;
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--dry-run" -> dryRun = true;
                case "--router" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("[1-9][0-9]{0,8}")) {
                        out.println("reconcile: --router needs a router id (a positive number)");
                        return 64;
                    }
                    routerId = Integer.parseInt(args.get(++i));
                }
                default -> {
                    out.println("reconcile: unknown option " + args.get(i) + "; usage: " + usage());
                    return 64;
                }
            }
        }
        if (routerId == null) {
            out.println("reconcile: --router ID is required");
            return 64;
        }
        try (Application app = Application.open(ServiceConfig.fromEnvironment(env))) {
            app.migrations().migrate();
            List<String> lines = app.module(LifecycleModule.class).lifecycle().reconcile(routerId, dryRun);
            lines.forEach(out::println);
            out.println("routerbridge: router " + routerId + (dryRun ? ": plan of " : ": applied ")
                    + lines.size() + " line(s)" + (lines.isEmpty() ? " (already converged)" : ""));
            return 0;
        }
    }
}
