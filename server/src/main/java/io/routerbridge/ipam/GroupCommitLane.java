package io.routerbridge.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves concurrent callers in batches: whoever finds the lane free serves everything queued, up to
 * {@code maxBatch} requests per call of the {@link BatchServer}, so a batch can share one transaction and
 * one commit instead of each caller waiting for the previous one's. Callers that find the lane taken
 * wait for their requests to be served, and serve the queue themselves as soon as the lane is free.
 * Knows nothing of what a request is; thread-safe.
 *
 * @param <W> what is asked for
 * @param <R> what a served request answers
 */
final class GroupCommitLane<W, R> {

    /** Serves one batch: completes or fails every request of it. */
    @FunctionalInterface
    interface BatchServer<W, R> {
        void serve(List<Pending<W, R>> batch);
    }

    /** One queued request; compared by identity, so equal requests stay apart. */
    static final class Pending<W, R> {
        private final W work;
        private final CompletableFuture<R> result = new CompletableFuture<>();

        private Pending(W work) {
            this.work = work;
        }

        W work() {
            return work;
        }

        void complete(R value) {
            result.complete(value);
        }

        void fail(RuntimeException failure) {
            result.completeExceptionally(failure);
        }

        private boolean isDone() {
            return result.isDone();
        }
    }

    private final int maxBatch;
    private final BatchServer<W, R> server;
    private final ReentrantLock lane = new ReentrantLock();
    private final Queue<Pending<W, R>> queue = new ConcurrentLinkedQueue<>();

    GroupCommitLane(int maxBatch, BatchServer<W, R> server) {
        this.maxBatch = maxBatch;
        this.server = server;
    }

    R submit(W work) {
        return submitAll(List.of(work)).get(0);
    }

    /**
     * Queues the requests and waits until they are served; the answers come in the order asked. When any
     * failed, the others are still served and the first failure is thrown.
     */
    List<R> submitAll(List<W> work) {
        List<Pending<W, R>> mine = work.stream().map(Pending<W, R>::new).toList();
        queue.addAll(mine);
        while (!allDone(mine)) {
            if (lane.tryLock()) {
                try {
                    // serve until our own requests are done, plus one more round for whoever queued meanwhile
                    boolean extraRound = true;
                    while (!queue.isEmpty() && (!allDone(mine) || extraRound)) {
                        extraRound = !allDone(mine);
                        serve(drain());
                    }
                } finally {
                    lane.unlock();
                }
            } else {
                mine.stream().filter(p -> !p.isDone()).findFirst().ifPresent(p -> awaitBriefly(p.result));
            }
        }
        List<R> results = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (Pending<W, R> p : mine) {
            try {
                results.add(p.result.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException c ? c : e;
                firstFailure = firstFailure == null ? cause : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return results;
    }

    /** A failure of the server fails the batch's unanswered requests, so no caller waits for an answer that never comes. */
    private void serve(List<Pending<W, R>> batch) {
        try {
            server.serve(batch);
        } catch (RuntimeException e) {
            batch.forEach(p -> p.fail(e));
            return;
        }
        batch.stream().filter(p -> !p.isDone()).forEach(p -> p.fail(
                new IllegalStateException("the batch server left a request unanswered: " + p.work())));
    }

    private static boolean allDone(List<? extends Pending<?, ?>> requests) {
        return requests.stream().allMatch(Pending::isDone);
    }

    private List<Pending<W, R>> drain() {
        List<Pending<W, R>> batch = new ArrayList<>();
        for (Pending<W, R> p = queue.poll(); p != null; p = batch.size() < maxBatch ? queue.poll() : null) {
            batch.add(p);
        }
        return batch;
    }

    /** Waits a little for another caller to serve us; a request queued after the server's last look is then served by its own caller. */
    private static void awaitBriefly(CompletableFuture<?> result) {
        try {
            result.get(1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // done (with an outcome the caller reads) or still queued: the loop decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }
}
