package io.routerbridge.keyrotation;

import io.routerbridge.config.MasterKeys;
import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.crypto.CredentialCipher.CredentialException;
import io.routerbridge.keyrotation.EncryptedColumnRepository.KeyIdCounts;
import io.routerbridge.keyrotation.EncryptedColumnRepository.StoredValue;
import io.routerbridge.keyrotation.InstanceRepository.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-encrypts every value of every registered column under the current master key, in batches, each value by a
 * compare-and-set on its old ciphertext. Refuses to start when a value was made with a master key that is not
 * configured (or is not ciphertext at all), naming the column and the key id, or when a running instance cannot
 * read the current key, so nothing is half done.
 */
public final class KeyRotation {
    /** Passes over the columns at most: a later pass catches values an old-key writer stored behind the first. */
    static final int MAX_PASSES = 3;

    private final EncryptedColumnRepository repository;
    private final InstanceRepository instances;
    private final MasterKeys keys;
    private final CredentialCipher cipher;
    private final Clock clock;

    public KeyRotation(EncryptedColumnRepository repository, InstanceRepository instances, MasterKeys keys,
                       Clock clock) {
        this.repository = repository;
        this.instances = instances;
        this.keys = keys;
        this.cipher = new CredentialCipher(keys);
        this.clock = clock;
    }

    /** What one column holds, by master key id. */
    public record ColumnSurvey(String column, KeyIdCounts counts, String currentKeyId) {
        public long underOldKeys() {
            return counts.total() - counts.byKeyId().getOrDefault(currentKeyId, 0L);
        }
    }

    /** One column's outcome. {@code changedMeanwhile}: left to the writer who changed it while we worked. */
    public record ColumnReport(String column, long reencrypted, long changedMeanwhile, List<String> unreadableRows,
                               long remainingUnderOldKeys) {
    }

    public record Report(String currentKeyId, List<ColumnReport> columns, int passes) {
        public long reencrypted() {
            return columns.stream().mapToLong(ColumnReport::reencrypted).sum();
        }

        public long remainingUnderOldKeys() {
            return columns.stream().mapToLong(ColumnReport::remainingUnderOldKeys).sum();
        }

        public long unreadable() {
            return columns.stream().mapToLong(c -> c.unreadableRows().size()).sum();
        }

        public boolean complete() {
            return remainingUnderOldKeys() == 0 && unreadable() == 0;
        }
    }

    /** Rotation cannot start: some values cannot be read with the configured keys. The message names no secret. */
    public static final class RotationRefused extends RuntimeException {
        public RotationRefused(String message) {
            super(message);
        }
    }

    public String currentKeyId() {
        return keys.currentId();
    }

    public List<ColumnSurvey> survey() {
        return EncryptedColumnRepository.columns().stream()
                .map(column -> new ColumnSurvey(column, repository.countByKeyId(column), keys.currentId()))
                .toList();
    }

    /** The running instances (seen lately) and the master key ids each reads. */
    public List<Instance> liveInstances() {
        return RunningInstances.live(instances, clock.instant());
    }

    /**
     * Every reason not to rotate now: a running instance that cannot read the current key (it would fail on every
     * value rewritten), or values this command cannot read. Empty when rotation may run.
     */
    public List<String> problems(List<ColumnSurvey> survey) {
        List<String> problems = new ArrayList<>();
        Instant now = clock.instant();
        for (Instance instance : liveInstances()) {
            if (!instance.keyIds().contains(keys.currentId())) {
                problems.add("the instance on " + instance.host() + " started " + instance.startedAt()
                        + " (last seen " + Duration.between(instance.seenAt(), now).toSeconds() + " s ago) reads only"
                        + " master key(s) " + String.join(", ", instance.keyIds()) + ": restart it with RB_MASTER_KEY of id "
                        + keys.currentId() + " first (an instance that stopped uncleanly counts as running for "
                        + RunningInstances.LIVE.toSeconds() + " s after it was last seen)");
            }
        }
        for (ColumnSurvey column : survey) {
            column.counts().byKeyId().forEach((keyId, count) -> {
                if (keys.byId(keyId).isEmpty()) {
                    problems.add(column.column() + ": " + count + " value(s) under master key " + keyId
                            + ", which is neither RB_MASTER_KEY nor in RB_MASTER_KEYS_PREVIOUS");
                }
            });
            if (column.counts().unrecognised() > 0) {
                problems.add(column.column() + ": " + column.counts().unrecognised()
                        + " value(s) not in the v1:<key id>:<data> format of encrypted credentials");
            }
        }
        return problems;
    }

    public Report rotate(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        List<String> problems = problems(survey());
        if (!problems.isEmpty()) {
            throw new RotationRefused("nothing re-encrypted: " + String.join("; ", problems));
        }
        Map<String, long[]> tallies = new LinkedHashMap<>();
        Map<String, List<String>> unreadable = new LinkedHashMap<>();
        for (String column : EncryptedColumnRepository.columns()) {
            tallies.put(column, new long[2]);
            unreadable.put(column, new ArrayList<>());
        }
        int passes = 0;
        List<ColumnSurvey> after;
        do {
            passes++;
            for (String column : EncryptedColumnRepository.columns()) {
                rotateColumn(column, batchSize, tallies.get(column), unreadable.get(column));
            }
            after = survey();
        } while (passes < MAX_PASSES && after.stream().anyMatch(c -> c.underOldKeys() > unreadable.get(c.column()).size()));
        List<ColumnReport> reports = new ArrayList<>();
        for (ColumnSurvey column : after) {
            long[] tally = tallies.get(column.column());
            reports.add(new ColumnReport(column.column(), tally[0], tally[1], List.copyOf(unreadable.get(column.column())),
                    column.underOldKeys()));
        }
        return new Report(keys.currentId(), reports, passes);
    }

    private void rotateColumn(String column, int batchSize, long[] tally, List<String> unreadable) {
        Object after = null;
        List<StoredValue> batch;
        do {
            batch = repository.notUnderKey(column, keys.currentId(), after, batchSize);
            for (StoredValue value : batch) {
                String plaintext;
                try {
                    plaintext = cipher.decrypt(value.ciphertext());
                } catch (CredentialException e) {
                    String row = String.valueOf(value.rowKey());
                    if (!unreadable.contains(row)) {
                        unreadable.add(row);
                    }
                    continue;
                }
                if (repository.compareAndSet(column, value.rowKey(), value.ciphertext(), cipher.encrypt(plaintext))) {
                    tally[0]++;
                } else {
                    tally[1]++;
                }
            }
            if (!batch.isEmpty()) {
                after = batch.get(batch.size() - 1).rowKey();
            }
        } while (batch.size() == batchSize);
    }
}
