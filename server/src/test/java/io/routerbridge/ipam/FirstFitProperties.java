package io.routerbridge.ipam;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FirstFitProperties {
    private static final int SPACE = 256;

    /** Scans page by page the way the allocator does and compares with a brute-force search. */
    @Property(tries = 2000)
    void findsTheLowestFreeAlignedBlock(@ForAll("occupied") Set<Integer> occupied,
                                        @ForAll @IntRange(min = 0, max = 5) int hostBits,
                                        @ForAll @IntRange(min = 0, max = 100) int poolStart,
                                        @ForAll @IntRange(min = 100, max = SPACE - 1) int poolEnd,
                                        @ForAll @IntRange(min = 1, max = 5) int pageSize) {
        List<AddressRange> runs = runsOf(occupied, poolStart, poolEnd);
        BigInteger size = BigInteger.ONE.shiftLeft(hostBits);

        FirstFit.Outcome outcome = null;
        BigInteger cursor = BigInteger.valueOf(poolStart);
        AddressRange below = null;
        for (int from = 0; ; from += pageSize) {
            List<AddressRange> page = runs.subList(Math.min(from, runs.size()), Math.min(from + pageSize, runs.size()));
            outcome = FirstFit.scan(cursor, below, page, BigInteger.valueOf(poolEnd), size, page.size() < pageSize);
            if (!(outcome instanceof FirstFit.NeedMore more)) {
                break;
            }
            cursor = more.cursor();
            below = more.below();
        }

        Integer expected = bruteForce(occupied, hostBits, poolStart, poolEnd);
        if (expected == null) {
            assertThat(outcome).isInstanceOf(FirstFit.Exhausted.class);
            return;
        }
        assertThat(outcome).isInstanceOf(FirstFit.Found.class);
        FirstFit.Found found = (FirstFit.Found) outcome;
        assertThat(found.block().first()).isEqualTo(BigInteger.valueOf(expected));
        assertThat(found.block().size()).isEqualTo(size);
        // the neighbours are the runs right around the block, which is what merging relies on
        for (AddressRange run : runs) {
            assertThat(run.overlaps(found.block())).isFalse();
        }
        if (found.touchesBelow()) {
            assertThat(occupied).contains(expected - 1);
        } else if (expected > poolStart) {
            assertThat(occupied.contains(expected - 1)).isFalse();
        }
        if (found.touchesAbove()) {
            assertThat(occupied).contains(expected + size.intValue());
        } else if (expected + size.intValue() <= poolEnd) {
            assertThat(occupied.contains(expected + size.intValue())).isFalse();
        }
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

    /** Occupied addresses inside the pool as runs; adjacent runs are sometimes left unmerged on purpose. */
    private static List<AddressRange> runsOf(Set<Integer> occupied, int poolStart, int poolEnd) {
        List<AddressRange> runs = new ArrayList<>();
        Integer start = null;
        for (int a = poolStart; a <= poolEnd + 1; a++) {
            boolean used = a <= poolEnd && occupied.contains(a);
            if (used && start == null) {
                start = a;
            }
            boolean split = used && start != null && a > start && a % 7 == 0;
            if (start != null && (!used || split)) {
                runs.add(new AddressRange(BigInteger.valueOf(start), BigInteger.valueOf(a - 1)));
                start = used ? a : null;
            }
        }
        return runs;
    }

    private static Integer bruteForce(Set<Integer> occupied, int hostBits, int poolStart, int poolEnd) {
        int size = 1 << hostBits;
        for (int start = 0; start + size - 1 <= poolEnd; start += size) {
            if (start < poolStart) {
                continue;
            }
            boolean free = true;
            for (int a = start; a < start + size; a++) {
                free &= !occupied.contains(a);
            }
            if (free) {
                return start;
            }
        }
        return null;
    }
}
