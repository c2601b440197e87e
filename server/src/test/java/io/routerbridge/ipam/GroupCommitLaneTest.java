package io.routerbridge.ipam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitLaneTest {

    @Test
    void answersComeInTheOrderAskedWhateverOrderTheServerCompletesIn() {
        GroupCommitLane<Integer, String> lane = new GroupCommitLane<>(64, batch -> {
            for (int i = batch.size() - 1; i >= 0; i--) {
                batch.get(i).complete("#" + batch.get(i).work());
            }
        });

        assertThat(lane.submitAll(List.of(3, 1, 2))).containsExactly("#3", "#1", "#2");
        assertThat(lane.submit(7)).isEqualTo("#7");
    }

    @Test
    void callersArrivingWhileABatchIsServedShareTheNextBatch() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch finishFirstBatch = new CountDownLatch(1);
        GroupCommitLane<Integer, Integer> lane = new GroupCommitLane<>(64, batch -> {
            batchSizes.add(batch.size());
            if (batchSizes.size() == 1) {
                firstBatchEntered.countDown();
                await(finishFirstBatch);
            }
            batch.forEach(p -> p.complete(p.work() * 10));
        });
        Map<Integer, Integer> answers = new ConcurrentHashMap<>();

        Thread first = start(() -> answers.put(0, lane.submit(0)));
        await(firstBatchEntered);
        List<Thread> later = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int work = i;
            later.add(start(() -> answers.put(work, lane.submit(work))));
        }
        awaitQueued(later);
        finishFirstBatch.countDown();
        first.join();
        for (Thread t : later) {
            t.join();
        }

        assertThat(batchSizes).containsExactly(1, 5);
        assertThat(answers).containsExactlyInAnyOrderEntriesOf(Map.of(0, 0, 1, 10, 2, 20, 3, 30, 4, 40, 5, 50));
    }

    @Test
    void noBatchIsLargerThanTheLimit() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch finishFirstBatch = new CountDownLatch(1);
        GroupCommitLane<Integer, Integer> lane = new GroupCommitLane<>(2, batch -> {
            batchSizes.add(batch.size());
            if (batchSizes.size() == 1) {
                firstBatchEntered.countDown();
                await(finishFirstBatch);
            }
            batch.forEach(p -> p.complete(p.work()));
        });
        Map<Integer, Integer> answers = new ConcurrentHashMap<>();

        Thread first = start(() -> answers.put(0, lane.submit(0)));
        await(firstBatchEntered);
        List<Thread> later = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int work = i;
            later.add(start(() -> answers.put(work, lane.submit(work))));
        }
        awaitQueued(later);
        finishFirstBatch.countDown();
        first.join();
        for (Thread t : later) {
            t.join();
        }

        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 2));
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
        assertThat(answers).hasSize(6).allSatisfy((work, answer) -> assertThat(answer).isEqualTo(work));
    }

    @Test
    void aFailedRequestFailsOnlyItselfAndItsCallerHearsTheFirstFailure() {
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        GroupCommitLane<Integer, Integer> lane = new GroupCommitLane<>(64, batch -> batch.forEach(p -> {
            if (p.work() % 2 == 0) {
                p.fail(new IllegalArgumentException("even " + p.work()));
            } else {
                served.add(p.work());
                p.complete(p.work());
            }
        }));

        assertThatThrownBy(() -> lane.submitAll(List.of(1, 2, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("even 2");
        assertThat(served).containsExactly(1, 3);
        assertThat(lane.submit(5)).isEqualTo(5);
    }

    @Test
    void aServerThatThrowsFailsTheWholeBatchAndTheLaneGoesOn() {
        RuntimeException down = new IllegalStateException("database down");
        List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
        GroupCommitLane<Integer, Integer> lane = new GroupCommitLane<>(64, batch -> {
            calls.add(batch.size());
            if (calls.size() == 1) {
                batch.get(0).complete(1);
                throw down;
            }
            batch.forEach(p -> p.complete(p.work()));
        });

        assertThatThrownBy(() -> lane.submitAll(List.of(1, 2))).isSameAs(down);
        assertThat(lane.submitAll(List.of(3, 4))).containsExactly(3, 4);
    }

    @Test
    void aRequestTheServerLeavesUnansweredFailsInsteadOfWaitingForever() {
        GroupCommitLane<Integer, Integer> lane = new GroupCommitLane<>(64, batch -> batch.get(0).complete(1));

        assertThatThrownBy(() -> lane.submitAll(List.of(1, 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unanswered");
    }

    private static Thread start(Runnable caller) {
        Thread t = new Thread(caller);
        t.start();
        return t;
    }

    /** A waiting caller has queued its request: it only waits (timed) after queueing it. */
    private static void awaitQueued(List<Thread> callers) throws InterruptedException {
        for (Thread t : callers) {
            while (t.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(1);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
