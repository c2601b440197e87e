package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.emulator.RouterOsEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pools and circuit breakers: a dead router fails fast after a few tries and never holds up a healthy one. */
class RouterPoolTest {
    private RouterOsEmulator healthy;
    /** Accepts TCP connections (the kernel does, into the backlog) but never says a word: a hung router. */
    private ServerSocket silent;
    private RouterClients clients;

    @BeforeAll
    static void warmUp() {
        Emulators.warmUp();
    }

    @BeforeEach
    void start() throws IOException {
        healthy = Emulators.start();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        clients = new RouterClients(TestRouters.quickOptions()
                .withConnectTimeout(Duration.ofMillis(300))
                .withBreaker(3, Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        clients.close();
        healthy.close();
        silent.close();
        TestRouters.assertNoClientThreadsSoon();
    }

    @Test
    void aSilentRouterTripsTheBreakerWhileTheHealthyOneAnswersPromptly() throws Exception {
        RouterEndpoint dead = RouterEndpoint.plain("127.0.0.1", silent.getLocalPort(), "admin", "x");
        RouterSession deadSession = clients.session(dead);
        RouterSession healthySession = clients.session(Emulators.plain(healthy));
        healthySession.execute(Sentence.of("/system/identity/print"));

        AtomicBoolean hammering = new AtomicBoolean(true);
        AtomicInteger timeouts = new AtomicInteger();
        AtomicInteger fastFails = new AtomicInteger();
        Thread hammer = new Thread(() -> {
            while (hammering.get()) {
                try {
                    deadSession.execute(Sentence.of("/system/identity/print"));
                } catch (RouterTimeoutException e) {
                    timeouts.incrementAndGet();
                } catch (RouterCircuitOpenException e) {
                    fastFails.incrementAndGet();
                } catch (RouterOsException e) {
                    throw new AssertionError("unexpected failure kind", e);
                }
            }
        }, "test-hammer");
        hammer.start();
        try {
            // while the dead router is still being tried (its logins time out one after another), the healthy
            // router must keep answering: count its calls in that window and look at their typical latency
            List<Long> latencies = new ArrayList<>();
            int callsWhileDeadRouterIsTried = 0;
            long begin = System.nanoTime();
            for (int i = 0; System.nanoTime() - begin < Duration.ofMillis(1600).toNanos(); i++) {
                long started = System.nanoTime();
                healthySession.execute(TestRouters.addToList("healthy", TestRouters.address(i), ""));
                latencies.add(System.nanoTime() - started);
                if (timeouts.get() < 3) {
                    callsWhileDeadRouterIsTried++;
                }
                Thread.sleep(10);
            }
            Collections.sort(latencies);
            assertThat(callsWhileDeadRouterIsTried).isGreaterThanOrEqualTo(15);
            assertThat(Duration.ofNanos(latencies.get(latencies.size() / 2))).isLessThan(Duration.ofMillis(50));
        } finally {
            hammering.set(false);
            hammer.join(5000);
        }
        assertThat(timeouts.get()).isBetween(3, 5);
        assertThat(fastFails.get()).isGreaterThan(10);

        long started = System.nanoTime();
        assertThatThrownBy(() -> deadSession.execute(Sentence.of("/system/identity/print")))
                .isInstanceOf(RouterCircuitOpenException.class)
                .hasMessageStartingWith("router 127.0.0.1:" + silent.getLocalPort() + " unreachable: ")
                .hasMessageContaining("login got no reply within 300 ms")
                .hasMessageMatching(".*\\(circuit open, (retry in \\ds|a probe connection is under way)\\)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(50));
    }

    @Test
    void aRefusedPortFailsImmediatelyAndThenFast() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        RouterSession session = clients.session(RouterEndpoint.plain("127.0.0.1", closedPort, "admin", "x"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> session.execute(Sentence.of("/system/identity/print")))
                    .isInstanceOf(RouterConnectionException.class)
                    .hasMessageContaining("cannot connect");
        }
        assertThatThrownBy(() -> session.execute(Sentence.of("/system/identity/print")))
                .isInstanceOf(RouterCircuitOpenException.class)
                .hasMessageContaining("cannot connect")
                .hasMessageContaining("circuit open, retry in 1s");
        assertThat(session.pipeline(List.of(Sentence.of("/system/identity/print"))).get(0))
                .isCompletedExceptionally();
    }

    @Test
    void afterTheCooldownAProbeClosesTheCircuitOnceTheRouterIsBack() throws Exception {
        RouterEndpoint endpoint = Emulators.plain(healthy);
        RouterSession session = clients.session(endpoint);
        healthy.faults().stall(true);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> session.execute(Sentence.of("/system/identity/print")))
                    .isInstanceOf(RouterTimeoutException.class);
        }
        assertThat(clients.breakerState(endpoint)).hasValue(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> session.execute(Sentence.of("/system/identity/print")))
                .isInstanceOf(RouterCircuitOpenException.class);

        healthy.faults().stall(false);
        Thread.sleep(1100);
        assertThat(session.execute(Sentence.of("/system/identity/print")).rows()).hasSize(1);
        assertThat(clients.breakerState(endpoint)).hasValue(CircuitBreaker.State.CLOSED);
    }
}
