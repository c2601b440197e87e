package io.routerbridge.ipam;

import java.math.BigInteger;
import java.util.List;

/**
 * Finds the lowest free aligned block in a pool from its occupied runs, read page by page in address
 * order. Only the gaps between runs are looked at, so the work depends on how fragmented the pool is,
 * never on how many addresses are used.
 */
final class FirstFit {
    private FirstFit() {
    }

    sealed interface Outcome permits Found, NeedMore, Exhausted {
    }

    /** A free block, with the occupied runs right below and above it (null when there is none). */
    record Found(AddressRange block, AddressRange below, AddressRange above) implements Outcome {
        boolean touchesBelow() {
            return below != null && below.last().add(BigInteger.ONE).equals(block.first());
        }

        boolean touchesAbove() {
            return above != null && above.first().equals(block.last().add(BigInteger.ONE));
        }
    }

    /** Nothing fits before the end of this page; continue after {@code cursor}. */
    record NeedMore(BigInteger cursor, AddressRange below) implements Outcome {
    }

    record Exhausted() implements Outcome {
    }

    /**
     * @param cursor   lowest address not known to be occupied (the pool's first address at the start)
     * @param below    the last run of the previous page, or null
     * @param runs     occupied runs inside the pool, sorted, not overlapping, all starting at or after the previous page
     * @param limit    the pool's last address
     * @param lastPage whether no run follows {@code runs}
     */
    static Outcome scan(BigInteger cursor, AddressRange below, List<AddressRange> runs, BigInteger limit,
                        BigInteger blockSize, boolean lastPage) {
        for (AddressRange run : runs) {
            AddressRange candidate = alignedBlockAt(cursor, blockSize);
            if (candidate.last().compareTo(limit) > 0) {
                return new Exhausted();
            }
            if (candidate.last().compareTo(run.first()) < 0) {
                return new Found(candidate, below, run);
            }
            cursor = cursor.max(run.last().add(BigInteger.ONE));
            below = run;
        }
        if (!lastPage) {
            return new NeedMore(cursor, below);
        }
        AddressRange candidate = alignedBlockAt(cursor, blockSize);
        return candidate.last().compareTo(limit) <= 0 ? new Found(candidate, below, null) : new Exhausted();
    }

    /** The first block of {@code size} addresses starting at a multiple of {@code size}, at or after {@code from}. */
    static AddressRange alignedBlockAt(BigInteger from, BigInteger size) {
        BigInteger start = from.add(size).subtract(BigInteger.ONE).divide(size).multiply(size);
        return new AddressRange(start, start.add(size).subtract(BigInteger.ONE));
    }
}
