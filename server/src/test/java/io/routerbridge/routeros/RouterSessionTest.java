package io.routerbridge.routeros;

import static io.routerbridge.routeros.TestRouters.addToList;
import static io.routerbridge.routeros.TestRouters.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.emulator.RouterOsEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the emulator over TCP: replies, pipelining, traps, !empty, !fatal, concurrency. */
class RouterSessionTest {
    private RouterOsEmulator emulator;
    private RouterClients clients;
    private RouterSession session;

    @BeforeEach
    void start() {
        emulator = Emulators.start();
        clients = new RouterClients(TestRouters.quickOptions());
        session = clients.session(Emulators.plain(emulator));
    }

    @AfterEach
    void stop() throws InterruptedException {
        clients.close();
        emulator.close();
        TestRouters.assertNoClientThreadsSoon();
    }

    @Test
    void addReturnsTheNewIdAndPrintFindsTheRow() {
        Reply added = session.execute(addToList("customers", "192.0.2.7", "first"));

        assertThat(added.ret()).hasValueSatisfying(id -> assertThat(id).matches("\\*[0-9A-F]+"));
        Reply printed = session.execute(Sentence.of("/ip/firewall/address-list/print")
                .whereEquals("list", "customers").proplist(".id", "address", "comment"));
        assertThat(printed.rows()).containsExactly(
                Map.of(".id", added.ret().orElseThrow(), "address", "192.0.2.7", "comment", "first"));
        assertThat(printed.empty()).isFalse();
    }

    @Test
    void twoHundredPipelinedCommandsEachGetTheirOwnReply() {
        List<Sentence> adds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            adds.add(addToList("pipe", address(i), "entry-" + i));
        }
        List<CompletableFuture<Reply>> added = session.pipeline(adds);
        List<String> ids = added.stream().map(future -> future.join().ret().orElseThrow()).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(200);

        List<Sentence> prints = new ArrayList<>();
        for (int i = 199; i >= 0; i--) {
            prints.add(Sentence.of("/ip/firewall/address-list/print").whereEquals(".id", ids.get(i))
                    .proplist("address", "comment"));
        }
        List<Reply> printed = session.executeAll(prints);
        for (int k = 0; k < 200; k++) {
            int i = 199 - k;
            assertThat(printed.get(k).rows()).as("reply %d", k)
                    .containsExactly(Map.of("address", address(i), "comment", "entry-" + i));
        }
        assertThat(emulator.state().rows("/ip/firewall/address-list")).hasSize(200);
    }

    @Test
    void anEmptyPrintCompletesWithEmptyAndTheConnectionKeepsWorking() {
        Reply nothing = session.execute(Sentence.of("/ip/firewall/address-list/print").whereEquals("list", "none"));

        assertThat(nothing.empty()).isTrue();
        assertThat(nothing.rows()).isEmpty();
        assertThat(session.execute(addToList("after-empty", "192.0.2.1", "")).ret()).isPresent();
    }

    @Test
    void severalTrapsAreCollectedAndJoinedAndTheCommandStillCompletes() {
        assertThatThrownBy(() -> session.execute(Sentence.of("/ip/nonsense/print")))
                .isInstanceOfSatisfying(RouterTrapException.class, trap -> {
                    assertThat(trap.traps()).hasSizeGreaterThanOrEqualTo(2);
                    assertThat(trap.getMessage()).isEqualTo(trap.traps().get(0).message() + ", "
                            + trap.traps().get(1).message());
                    assertThat(trap.traps().get(0).category()).isZero();
                    assertThat(trap.path()).isEqualTo("/ip/nonsense/print");
                });
        // the same connection goes on answering
        assertThat(session.execute(addToList("after-trap", "192.0.2.2", "")).ret()).isPresent();
    }

    @Test
    void aDuplicateGivesTheRoutersErrorText() {
        session.execute(addToList("dup", "192.0.2.3", ""));
        assertThatThrownBy(() -> session.execute(addToList("dup", "192.0.2.3", "")))
                .isInstanceOf(RouterTrapException.class)
                .hasMessage("failure: already have such entry");
    }

    @Test
    void trapsInAPipelineFailOnlyTheirOwnFutures() {
        List<CompletableFuture<Reply>> futures = session.pipeline(List.of(
                addToList("mixed", "192.0.2.10", ""),
                addToList("mixed", "192.0.2.10", ""),
                addToList("mixed", "192.0.2.11", "")));
        assertThat(futures.get(0).join().ret()).isPresent();
        assertThat(futures.get(1)).failsWithin(Duration.ofSeconds(2))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(RouterTrapException.class);
        assertThat(futures.get(2).join().ret()).isPresent();
    }

    @Test
    void quitEndsTheSessionWithFatalFailsWhatIsPendingAndTheNextCallReconnects() {
        long started = System.nanoTime();
        List<CompletableFuture<Reply>> futures = session.pipeline(List.of(Sentence.of("/quit"),
                Sentence.of("/system/identity/print")));
        for (CompletableFuture<Reply> future : futures) {
            assertThatThrownBy(future::join).hasCauseInstanceOf(RouterConnectionException.class)
                    .hasMessageContaining("!fatal")
                    .hasMessageContaining("session terminated on request");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));

        assertThat(session.execute(addToList("after-quit", "192.0.2.4", "")).ret()).isPresent();
    }

    @Test
    void sixteenThreadsSharingOneSessionNeverInterleaveSentences() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<String> comments = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        int index = thread * 1000 + i;
                        String comment = "thread " + thread + " item " + i + " " + "=!?".repeat(i % 5);
                        Reply added = session.execute(addToList("t" + thread, address(index), comment));
                        Reply printed = session.execute(Sentence.of("/ip/firewall/address-list/print")
                                .whereEquals(".id", added.ret().orElseThrow()).proplist("comment", "list"));
                        comments.add(printed.rows().get(0).get("list") + "|" + printed.rows().get(0).get("comment"));
                    }
                    return comments;
                }));
            }
            for (int t = 0; t < 16; t++) {
                List<String> comments = results.get(t).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < 40; i++) {
                    assertThat(comments.get(i)).isEqualTo("t" + t + "|thread " + t + " item " + i + " "
                            + "=!?".repeat(i % 5));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.state().rows("/ip/firewall/address-list")).hasSize(16 * 40);
    }

    @Test
    void aWrongPasswordIsALoginError() {
        RouterEndpoint wrong = RouterEndpoint.plain("127.0.0.1", emulator.apiPort(), TestRouters.USER, "nope");
        assertThatThrownBy(() -> clients.session(wrong).execute(Sentence.of("/system/identity/print")))
                .isInstanceOf(RouterLoginException.class)
                .hasMessageContaining("login refused")
                .hasMessageContaining("invalid user name or password");
    }

    @Test
    void aPre643RouterIsLoggedInWithTheChallengeResponse() {
        try (RouterOsEmulator legacy = Emulators.start(builder -> builder.rosVersion("6.42"))) {
            RouterSession old = clients.session(Emulators.plain(legacy));
            assertThat(old.execute(Sentence.of("/system/identity/print")).rows()).hasSize(1);

            RouterEndpoint wrong = RouterEndpoint.plain("127.0.0.1", legacy.apiPort(), TestRouters.USER, "nope");
            assertThatThrownBy(() -> clients.session(wrong).execute(Sentence.of("/system/identity/print")))
                    .isInstanceOf(RouterLoginException.class);
        }
    }
}
