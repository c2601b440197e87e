package io.routerbridge.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The occupied runs of one locked pool, read lazily page by page from the lowest address, with blocks
 * taken from the gaps in memory; {@link #removed()} and {@link #added()} give the rows to write back.
 * Lets one transaction hand out many blocks with a handful of statements.
 */
final class OccupiedRuns {
    interface PageLoader {
        /** Runs starting after {@code afterFirst} (null: from the start), in address order, at most {@code limit}. */
        List<AddressRange> load(BigInteger afterFirst, int limit);
    }

    private static final int FIRST_PAGE = 4;
    private static final int MAX_PAGE = 1024;

    private final AddressRange pool;
    private final PageLoader loader;
    private final TreeMap<BigInteger, BigInteger> runs = new TreeMap<>();
    private final Map<BigInteger, BigInteger> loaded = new HashMap<>();
    private BigInteger lastLoadedFirst;
    private boolean complete;
    private int pageSize = FIRST_PAGE;

    OccupiedRuns(AddressRange pool, PageLoader loader) {
        this.pool = pool;
        this.loader = loader;
    }

    /** Marks the lowest free block of {@code size} addresses, aligned to its size, as occupied. */
    Optional<AddressRange> takeFirstFree(BigInteger size) {
        while (true) {
            BigInteger cursor = pool.first();
            AddressRange candidate = FirstFit.alignedBlockAt(cursor, size);
            for (Map.Entry<BigInteger, BigInteger> run : runs.entrySet()) {
                if (candidate.last().compareTo(pool.last()) > 0) {
                    return Optional.empty();
                }
                if (candidate.last().compareTo(run.getKey()) < 0) {
                    occupy(candidate);
                    return Optional.of(candidate);
                }
                cursor = cursor.max(run.getValue().add(BigInteger.ONE));
                candidate = FirstFit.alignedBlockAt(cursor, size);
            }
            if (candidate.last().compareTo(pool.last()) > 0) {
                return Optional.empty();
            }
            if (complete) {
                occupy(candidate);
                return Optional.of(candidate);
            }
            loadNextPage();
        }
    }

    private void loadNextPage() {
        List<AddressRange> page = loader.load(lastLoadedFirst, pageSize);
        for (AddressRange r : page) {
            runs.put(r.first(), r.last());
            loaded.put(r.first(), r.last());
            lastLoadedFirst = r.first();
        }
        complete = page.size() < pageSize;
        pageSize = Math.min(pageSize * 8, MAX_PAGE);
    }

    private void occupy(AddressRange block) {
        BigInteger first = block.first();
        BigInteger last = block.last();
        Map.Entry<BigInteger, BigInteger> below = runs.lowerEntry(first);
        if (below != null && below.getValue().add(BigInteger.ONE).equals(first)) {
            first = below.getKey();
        }
        BigInteger aboveLast = runs.remove(last.add(BigInteger.ONE));
        if (aboveLast != null) {
            last = aboveLast;
        }
        runs.put(first, last);
    }

    /** Rows read from the database that no longer exist as they were. */
    List<AddressRange> removed() {
        List<AddressRange> removed = new ArrayList<>();
        loaded.forEach((first, last) -> {
            if (!Objects.equals(runs.get(first), last)) {
                removed.add(new AddressRange(first, last));
            }
        });
        return removed;
    }

    /** Rows to write: runs that are new or changed. */
    List<AddressRange> added() {
        List<AddressRange> added = new ArrayList<>();
        runs.forEach((first, last) -> {
            if (!Objects.equals(loaded.get(first), last)) {
                added.add(new AddressRange(first, last));
            }
        });
        return added;
    }
}
