package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.emulator.RouterOsEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every control-port fault gives a clear error within the configured timeout, the client reconnects on its own
 * once the fault is gone, and no client thread is left running or spinning.
 */
class RouterFaultsTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(800);
    /** Scheduling slack on a shared two-core machine. */
    private static final Duration SLACK = Duration.ofMillis(700);

    private RouterOsEmulator emulator;
    private RouterClients clients;
    private RouterSession session;

    @BeforeAll
    static void warmUp() {
        Emulators.warmUp();
    }

    @BeforeEach
    void start() {
        emulator = Emulators.start(builder -> builder.controlPort(true));
        clients = new RouterClients(TestRouters.quickOptions()
                .withConnectTimeout(COMMAND_TIMEOUT)
                .withCommandTimeout(COMMAND_TIMEOUT)
                .withBreaker(100, Duration.ofSeconds(1)));
        session = clients.session(Emulators.plain(emulator));
        assertWorks();
    }

    @AfterEach
    void stop() throws InterruptedException {
        assertThat(TestRouters.clientCpuDuring(Duration.ofMillis(300))).as("client CPU while idle")
                .isLessThan(Duration.ofMillis(60));
        clients.close();
        emulator.close();
        TestRouters.assertNoClientThreadsSoon();
    }

    @Test
    void latencyBeyondTheCommandTimeoutTimesOutThenTheClientRecovers() {
        emulator.faults().latencyMs(3000);
        long started = System.nanoTime();
        assertThatThrownBy(() -> session.execute(identity()))
                .isInstanceOf(RouterTimeoutException.class)
                .hasMessageContaining("/system/identity/print got no reply within 800 ms");
        assertWithinTimeout(started);

        emulator.faults().latencyMs(0);
        assertWorks();
    }

    @Test
    void aDroppedConnectionFailsWhatIsInFlightAtOnceAndTheNextCallReconnects() {
        emulator.faults().dropAfterSentences(3);
        long started = System.nanoTime();
        List<Sentence> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(TestRouters.addToList("drop", TestRouters.address(i), ""));
        }
        List<CompletableFuture<Reply>> futures = session.pipeline(batch);
        int failed = 0;
        for (CompletableFuture<Reply> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(RouterConnectionException.class)
                        .hasMessageContaining("connection closed by the router");
                failed++;
            }
        }
        assertThat(failed).isGreaterThanOrEqualTo(7);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(COMMAND_TIMEOUT);

        emulator.faults().clear();
        assertWorks();
    }

    @Test
    void aStalledRouterTimesOutCommandsAndLoginsUntilItWakesUp() {
        emulator.faults().stall(true);
        long started = System.nanoTime();
        assertThatThrownBy(() -> session.execute(identity())).isInstanceOf(RouterTimeoutException.class);
        assertWithinTimeout(started);

        started = System.nanoTime();
        assertThatThrownBy(() -> session.execute(identity()))
                .isInstanceOf(RouterTimeoutException.class)
                .hasMessageContaining("login got no reply");
        assertWithinTimeout(started);

        emulator.faults().stall(false);
        assertWorks();
    }

    @Test
    void refusedLoginsAreReportedAsSuchAndClearedLoginsWorkAgain() {
        emulator.faults().refuseLogins(true);
        try (RouterClients fresh = new RouterClients(TestRouters.quickOptions())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> fresh.session(Emulators.plain(emulator)).execute(identity()))
                    .isInstanceOf(RouterLoginException.class)
                    .hasMessageContaining("login refused");
            assertWithinTimeout(started);

            emulator.faults().refuseLogins(false);
            assertThat(fresh.session(Emulators.plain(emulator)).execute(identity()).rows()).hasSize(1);
        }
        assertWorks();
    }

    @Test
    void aRebootFailsWhatIsInFlightAtOnceAndTheClientComesBackWhenTheRouterDoes() throws InterruptedException {
        emulator.faults().latencyMs(600); // keeps a command in flight while the router goes down
        CompletableFuture<Reply> inFlight = session.submit(identity());
        Thread.sleep(100);
        long started = System.nanoTime();
        emulator.reboot(500);
        assertThat(inFlight).failsWithin(Duration.ofMillis(300))
                .withThrowableThat().havingCause().isInstanceOf(RouterConnectionException.class)
                .withMessageContaining("connection closed by the router");
        emulator.faults().latencyMs(0);

        RouterOsException lastFailure = null;
        boolean recovered = false;
        while (!recovered && System.nanoTime() - started < Duration.ofSeconds(5).toNanos()) {
            try {
                session.execute(identity());
                recovered = true;
            } catch (RouterConnectionException | RouterTimeoutException e) {
                lastFailure = e;
                Thread.sleep(50);
            }
        }
        assertThat(lastFailure).as("calls while the router is down fail cleanly").isNotNull()
                .hasMessageContaining("cannot connect");
        assertThat(recovered).as("the client reconnected after the reboot").isTrue();
        assertWorks();
    }

    @Test
    void keepaliveDiscardsASilentIdleConnectionBeforeAnyoneNeedsIt() throws InterruptedException {
        try (RouterClients keeping = new RouterClients(TestRouters.quickOptions()
                .withCommandTimeout(Duration.ofMillis(400))
                .withKeepaliveInterval(Duration.ofMillis(150)))) {
            RouterSession watched = keeping.session(Emulators.plain(emulator));
            watched.execute(identity());
            Thread.sleep(600);
            List<Thread> readersWhileHealthy = readers();
            assertThat(readersWhileHealthy).as("a healthy idle connection survives keepalive").hasSize(2);

            emulator.faults().stall(true);
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (readers().size() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // only the reader of the test's own session (idle, no keepalive) is left
            assertThat(readers()).hasSize(1);

            emulator.faults().stall(false);
            assertThat(watched.execute(identity()).rows()).hasSize(1);
        }
    }

    private static List<Thread> readers() {
        return TestRouters.clientThreads().stream().filter(t -> t.getName().startsWith("routeros-reader")).toList();
    }

    private void assertWorks() {
        assertThat(session.execute(identity()).rows()).hasSize(1);
    }

    private static Sentence identity() {
        return Sentence.of("/system/identity/print");
    }

    private static void assertWithinTimeout(long startedNanos) {
        assertThat(Duration.ofNanos(System.nanoTime() - startedNanos)).isLessThan(COMMAND_TIMEOUT.plus(SLACK));
    }
}
