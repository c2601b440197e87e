package io.routerbridge.emulator.api;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one API connection (see {@code Stats} for what a round trip is). */
public final class ConnectionCounters {
    final AtomicLong sentences = new AtomicLong();
    final AtomicLong commands = new AtomicLong();
    final AtomicLong roundTrips = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
    /** Number of reads completed so far. */
    final AtomicLong reads = new AtomicLong();
    /** Value of {@link #reads} when the last final reply was written. */
    volatile long readsAtLastReply;

    public long sentences() {
        return sentences.get();
    }

    public long commands() {
        return commands.get();
    }

    public long roundTrips() {
        return roundTrips.get();
    }

    public void reset() {
        sentences.set(0);
        commands.set(0);
        roundTrips.set(0);
    }

    void commandArrived(long firstRead, boolean holdsConnection) {
        commands.incrementAndGet();
        if (!holdsConnection) {
            return;
        }
        if (inFlight.getAndIncrement() == 0 && firstRead > readsAtLastReply) {
            roundTrips.incrementAndGet();
        }
    }

    /** A command's final reply is about to be written. */
    void replyCompleting() {
        readsAtLastReply = reads.get();
        inFlight.decrementAndGet();
    }
}
