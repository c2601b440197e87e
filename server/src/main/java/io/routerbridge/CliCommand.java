package io.routerbridge;

import io.routerbridge.config.Environment;
import java.io.PrintStream;
import java.util.List;

/** One sub-command of the service's command line. Returns the process exit code. */
interface CliCommand {
    String usage();

    int run(List<String> args, Environment env, PrintStream out) throws Exception;
}
