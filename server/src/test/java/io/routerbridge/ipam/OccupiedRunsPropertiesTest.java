package io.routerbridge.ipam;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class OccupiedRunsPropertiesTest {
    private static final int SPACE = 256;

    /**
     * Takes blocks one after another (as one batch does) and compares every answer with a brute-force
     * search over the same occupied set; then checks that the rows to delete and insert turn the
     * stored runs into exactly the occupied space, coalesced.
     */
    @Property(tries = 1500)
    void takesTheLowestFreeAlignedBlocksAndReportsTheRowChanges(
            @ForAll("occupied") Set<Integer> occupied,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 4) Integer> hostBitsSequence,
            @ForAll @IntRange(min = 0, max = 100) int poolStart,
            @ForAll @IntRange(min = 100, max = SPACE - 1) int poolEnd) {
        List<AddressRange> stored = runsOf(occupied, poolStart, poolEnd);
        OccupiedRuns runs = new OccupiedRuns(range(poolStart, poolEnd), (after, limit) -> stored.stream()
                .filter(r -> after == null || r.first().compareTo(after) > 0)
                .limit(limit)
                .toList());
        Set<Integer> used = new HashSet<>();
        for (int a = poolStart; a <= poolEnd; a++) {
            if (occupied.contains(a)) {
                used.add(a);
            }
        }
        for (int hostBits : hostBitsSequence) {
            int size = 1 << hostBits;
            Optional<AddressRange> taken = runs.takeFirstFree(BigInteger.valueOf(size));
            Integer expected = bruteForce(used, size, poolStart, poolEnd);
            if (expected == null) {
                assertThat(taken).isEmpty();
                continue;
            }
            assertThat(taken).contains(range(expected, expected + size - 1));
            for (int a = expected; a < expected + size; a++) {
                used.add(a);
            }
        }

        TreeMap<BigInteger, AddressRange> table = new TreeMap<>();
        stored.forEach(r -> table.put(r.first(), r));
        runs.removed().forEach(r -> assertThat(table.remove(r.first())).isEqualTo(r));
        runs.added().forEach(r -> assertThat(table.put(r.first(), r)).isNull());
        List<AddressRange> expectedRuns = new ArrayList<>();
        used.forEach(a -> expectedRuns.add(range(a, a)));
        // stored rows need not be maximal (the database may hold adjacent runs), so compare coverage
        assertThat(AddressRange.coalesce(table.values())).isEqualTo(AddressRange.coalesce(expectedRuns));
        assertThat(overlapFree(new ArrayList<>(table.values()))).isTrue();
    }

    @Property
    void alignedBlocksStartAtMultiplesOfTheirSize(@ForAll @IntRange(min = 0, max = 100_000) int from,
                                                  @ForAll @IntRange(min = 0, max = 12) int hostBits) {
        BigInteger size = BigInteger.ONE.shiftLeft(hostBits);
        AddressRange block = FirstFit.alignedBlockAt(BigInteger.valueOf(from), size);
        assertThat(block.first().mod(size)).isEqualTo(BigInteger.ZERO);
        assertThat(block.first()).isGreaterThanOrEqualTo(BigInteger.valueOf(from));
        assertThat(block.first().subtract(BigInteger.valueOf(from))).isLessThan(size);
        assertThat(block.size()).isEqualTo(size);
    }

    @Provide
    Arbitrary<Set<Integer>> occupied() {
        return Arbitraries.integers().between(0, SPACE - 1).set().ofMaxSize(250);
    }

    /** Occupied addresses inside the pool as sorted runs; some adjacent runs are left unmerged on purpose. */
    private static List<AddressRange> runsOf(Set<Integer> occupied, int poolStart, int poolEnd) {
        List<AddressRange> runs = new ArrayList<>();
        Integer start = null;
        for (int a = poolStart; a <= poolEnd + 1; a++) {
            boolean used = a <= poolEnd && occupied.contains(a);
            boolean split = used && start != null && a > start && a % 7 == 0;
            if (start != null && (!used || split)) {
                runs.add(range(start, a - 1));
                start = null;
            }
            if (used && start == null) {
                start = a;
            }
        }
        return runs;
    }

    private static boolean overlapFree(List<AddressRange> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).last().compareTo(sorted.get(i).first()) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static Integer bruteForce(Set<Integer> used, int size, int poolStart, int poolEnd) {
        for (int start = 0; start + size - 1 <= poolEnd; start += size) {
            if (start < poolStart) {
                continue;
            }
            boolean free = true;
            for (int a = start; a < start + size; a++) {
                free &= !used.contains(a);
            }
            if (free) {
                return start;
            }
        }
        return null;
    }

    private static AddressRange range(long first, long last) {
        return new AddressRange(BigInteger.valueOf(first), BigInteger.valueOf(last));
    }
}
