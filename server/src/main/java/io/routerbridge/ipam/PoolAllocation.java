package io.routerbridge.ipam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The allocation rules for one pool while its row is locked, worked out in memory: a service gets the block
 * it already holds there, else the lowest free aligned block of the length it may have (first fit over the
 * occupied runs). What it hands out is written afterwards: {@link #newBlocks()} and the run changes of
 * {@link #runs()}.
 */
final class PoolAllocation {
    private final Pool pool;
    private final OccupiedRuns runs;
    private final Map<Long, Assignment> heldByService;
    private final Instant now;
    private final List<Assignment> newBlocks = new ArrayList<>();

    /** {@code heldByService}: the live blocks the services asking hold in this pool; new blocks are added to it. */
    PoolAllocation(Pool pool, OccupiedRuns runs, Map<Long, Assignment> heldByService, Instant now) {
        this.pool = pool;
        this.runs = runs;
        this.heldByService = heldByService;
        this.now = now;
    }

    /**
     * The service's block in this pool. A failure takes nothing and leaves later requests unaffected.
     *
     * @throws IpamValidationException when the prefix length does not suit the pool
     * @throws PoolExhaustedException when no block of that length is free
     */
    Assignment blockFor(long serviceId, Integer prefixLength) {
        Assignment already = heldByService.get(serviceId);
        if (already != null) {
            return already;
        }
        int length = pool.blockLengthFor(prefixLength);
        AddressRange block = runs.takeFirstFree(pool.family().blockSize(length))
                .orElseThrow(() -> new PoolExhaustedException(pool.name(), pool.family(), length));
        Assignment assignment = Assignment.assigned(pool, serviceId, block, length, now);
        heldByService.put(serviceId, assignment);
        newBlocks.add(assignment);
        return assignment;
    }

    Pool pool() {
        return pool;
    }

    OccupiedRuns runs() {
        return runs;
    }

    /** The blocks handed out, in order, to be stored. */
    List<Assignment> newBlocks() {
        return List.copyOf(newBlocks);
    }
}
