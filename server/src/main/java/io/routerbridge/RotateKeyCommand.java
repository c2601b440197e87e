package io.routerbridge;

import com.zaxxer.hikari.HikariDataSource;
import io.routerbridge.config.DatabaseConfig;
import io.routerbridge.config.Environment;
import io.routerbridge.config.MasterKeys;
import io.routerbridge.db.Database;
import io.routerbridge.db.Migrations;
import io.routerbridge.keyrotation.EncryptedColumnRepository;
import io.routerbridge.keyrotation.InstanceRepository;
import io.routerbridge.keyrotation.KeyRotation;
import io.routerbridge.keyrotation.KeyRotation.ColumnReport;
import io.routerbridge.keyrotation.KeyRotation.ColumnSurvey;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code rotate-key [--dry-run] [--batch-size N]}: re-encrypts every stored credential under RB_MASTER_KEY, reading
 * the old ones with RB_MASTER_KEYS_PREVIOUS, while the service runs. Prints counts and key ids, never a value.
 */
final class RotateKeyCommand implements CliCommand {
    static final int DEFAULT_BATCH_SIZE = 200;
    /** Exit code when values could not all be re-encrypted (refused, unreadable, or still under old keys). */
    static final int INCOMPLETE = 3;

    @Override
    public String usage() {
        return "rotate-key [--dry-run] [--batch-size N]  re-encrypt every stored credential under RB_MASTER_KEY";
    }

    @Override
    public int run(List<String> args, Environment env, PrintStream out) {
        boolean dryRun = false;
        int batchSize = DEFAULT_BATCH_SIZE;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--dry-run" -> dryRun = true;
                case "--batch-size" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("[1-9][0-9]{0,5}")) {
                        out.println("rotate-key: --batch-size needs a number from 1 to 999999");
                        return 64;
                    }
                    batchSize = Integer.parseInt(args.get(++i));
                }
                default -> {
                    out.println("rotate-key: unknown option " + args.get(i) + "; usage: " + usage());
                    return 64;
                }
            }
        }
        MasterKeys keys = MasterKeys.fromEnvironment(env);
        DatabaseConfig config = DatabaseConfig.fromEnvironment(env);
        try (HikariDataSource pool = Database.pool(config)) {
            new Migrations(pool).migrate();
            KeyRotation rotation = new KeyRotation(new EncryptedColumnRepository(Database.dsl(pool)),
                    new InstanceRepository(Database.dsl(pool)), keys, Clock.systemUTC());
            out.println("routerbridge: rotate-key: current master key " + keys.currentId() + " (known: "
                    + String.join(", ", keys.knownIds()) + ")");
            return dryRun ? survey(rotation, out) : rotate(rotation, batchSize, out);
        }
    }

    private static int survey(KeyRotation rotation, PrintStream out) {
        rotation.liveInstances().forEach(instance -> out.println("  instance on " + instance.host() + " started "
                + instance.startedAt() + " reads master key(s) " + String.join(", ", instance.keyIds())));
        List<ColumnSurvey> survey = rotation.survey();
        for (ColumnSurvey column : survey) {
            String byKey = column.counts().byKeyId().entrySet().stream()
                    .map(e -> e.getValue() + " under " + e.getKey()).collect(Collectors.joining(", "));
            out.println("  " + column.column() + ": " + column.counts().total() + " value(s)"
                    + (byKey.isEmpty() ? "" : " (" + byKey + ")") + ", " + column.underOldKeys() + " under old keys");
        }
        List<String> problems = rotation.problems(survey);
        problems.forEach(problem -> out.println("  cannot rotate: " + problem));
        long old = survey.stream().mapToLong(ColumnSurvey::underOldKeys).sum();
        out.println("routerbridge: rotate-key: dry run, nothing written; " + old + " value(s) under old keys");
        return problems.isEmpty() ? 0 : INCOMPLETE;
    }

    private static int rotate(KeyRotation rotation, int batchSize, PrintStream out) {
        KeyRotation.Report report;
        try {
            report = rotation.rotate(batchSize);
        } catch (KeyRotation.RotationRefused refused) {
            out.println("routerbridge: rotate-key refused: " + refused.getMessage());
            return INCOMPLETE;
        }
        for (ColumnReport column : report.columns()) {
            out.println("  " + column.column() + ": " + column.reencrypted() + " re-encrypted, "
                    + column.changedMeanwhile() + " changed meanwhile (left to their writer), "
                    + (column.unreadableRows().isEmpty() ? ""
                            : "unreadable in row(s) " + String.join(", ", column.unreadableRows()) + ", ")
                    + column.remainingUnderOldKeys() + " remain under old keys");
        }
        out.println("routerbridge: rotate-key: " + report.reencrypted() + " value(s) re-encrypted under master key "
                + report.currentKeyId() + " in " + report.passes() + " pass(es); " + report.remainingUnderOldKeys()
                + " remain under old keys");
        if (report.complete()) {
            out.println("routerbridge: rotate-key: done; once every instance runs with RB_MASTER_KEY of id "
                    + report.currentKeyId() + ", the old keys can leave RB_MASTER_KEYS_PREVIOUS");
            return 0;
        }
        out.println("routerbridge: rotate-key: incomplete; an instance still running with an old RB_MASTER_KEY keeps"
                + " writing under it: restart every instance with the new key and run rotate-key again");
        return INCOMPLETE;
    }
}
