package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Protocol corners the emulator does not produce, against a scripted TCP peer. */
class ProtocolCornersTest {
    private final RouterClients clients = new RouterClients(TestRouters.quickOptions());

    @AfterEach
    void stop() throws InterruptedException {
        clients.close();
        TestRouters.assertNoClientThreadsSoon();
    }

    @Test
    void repliesAreRoutedByTagWhereverTheTagSitsAndInWhateverOrderTheyCome() throws Exception {
        AtomicReference<String> held = new AtomicReference<>();
        try (ScriptedRouter router = ScriptedRouter.afterLogin((sentence, tag, peer) -> {
            String name = ScriptedRouter.attributes(sentence).get("name");
            if (held.get() == null) {
                held.set(tag + " " + name); // answer the first command only after the second
                return;
            }
            peer.send("!re", "=name=" + name, ".tag=" + tag);
            peer.send("!done", ".tag=" + tag, "=ret=" + name);
            String[] first = held.get().split(" ");
            peer.send("!re", "=name=" + first[1], ".tag=" + first[0]);
            peer.send("!done", "=ret=" + first[1], ".tag=" + first[0]);
        })) {
            RouterSession session = clients.session(router.endpoint());
            List<CompletableFuture<Reply>> futures = session.pipeline(List.of(
                    Sentence.of("/x/set").with("name", "first"), Sentence.of("/x/set").with("name", "second")));

            assertThat(futures.get(1).get()).isEqualTo(new Reply(List.of(Map.of("name", "second")),
                    java.util.Optional.of("second"), List.of(), false));
            assertThat(futures.get(0).get()).isEqualTo(new Reply(List.of(Map.of("name", "first")),
                    java.util.Optional.of("first"), List.of(), false));
        }
    }

    @Test
    void anUnknownReplyWordFailsTheConnectionCleanlyAndTheNextCallReconnects() throws Exception {
        try (ScriptedRouter router = ScriptedRouter.afterLogin((sentence, tag, peer) -> {
            if (sentence.get(0).equals("/weird")) {
                peer.send("!weird", ".tag=" + tag);
            } else {
                peer.send("!re", ".tag=" + tag, "=name=ok");
                peer.send("!done", ".tag=" + tag);
            }
        })) {
            RouterSession session = clients.session(router.endpoint());
            long started = System.nanoTime();
            assertThatThrownBy(() -> session.execute(Sentence.of("/weird")))
                    .isInstanceOf(RouterConnectionException.class)
                    .hasMessageContaining("unknown reply word '!weird'");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            assertThat(TestRouters.clientCpuDuring(Duration.ofMillis(200))).isLessThan(Duration.ofMillis(50));

            assertThat(session.execute(Sentence.of("/system/identity/print")).rows())
                    .containsExactly(Map.of("name", "ok"));
            assertThat(router.connections()).isEqualTo(2);
        }
    }

    @Test
    void nonMinimalLengthPrefixesFromTheRouterAreAccepted() throws Exception {
        try (ScriptedRouter router = ScriptedRouter.afterLogin((sentence, tag, peer) -> {
            peer.sendRaw(ScriptedRouter.nonMinimalSentence("!re", "=comment=long form", ".tag=" + tag));
            peer.sendRaw(ScriptedRouter.nonMinimalSentence("!done", ".tag=" + tag));
        })) {
            assertThat(clients.session(router.endpoint()).execute(Sentence.of("/ip/address/print")).rows())
                    .containsExactly(Map.of("comment", "long form"));
        }
    }

    @Test
    void anUntaggedFatalFailsEveryPendingCommandWithItsReason() throws Exception {
        try (ScriptedRouter router = ScriptedRouter.afterLogin((sentence, tag, peer) -> {
            if (sentence.get(0).equals("/trigger")) {
                peer.send("!fatal", "too many commands before login");
                peer.hangUp();
            }
        })) {
            RouterSession session = clients.session(router.endpoint());
            CompletableFuture<Reply> waiting = session.submit(Sentence.of("/ip/address/listen"));
            CompletableFuture<Reply> trigger = session.submit(Sentence.of("/trigger"));
            for (CompletableFuture<Reply> future : List.of(waiting, trigger)) {
                assertThat(future).failsWithin(Duration.ofMillis(500))
                        .withThrowableThat().havingCause().isInstanceOf(RouterConnectionException.class)
                        .withMessageContaining("(!fatal): too many commands before login");
            }
        }
    }

    @Test
    void legacyChallengeLoginIsAnsweredWithTheMd5Response() throws Exception {
        String challenge = "0123456789abcdef0123456789abcdef";
        String expected = RouterConnection.legacyResponse("secret", challenge);
        try (ScriptedRouter router = new ScriptedRouter((sentence, tag, peer) -> {
            Map<String, String> attributes = ScriptedRouter.attributes(sentence);
            if (sentence.get(0).equals("/login") && attributes.containsKey("password")) {
                peer.send("!done", ".tag=" + tag, "=ret=" + challenge);
            } else if (sentence.get(0).equals("/login")) {
                if (expected.equals(attributes.get("response")) && "admin".equals(attributes.get("name"))) {
                    peer.send("!done", ".tag=" + tag);
                } else {
                    peer.send("!trap", ".tag=" + tag, "=message=cannot log in");
                    peer.send("!done", ".tag=" + tag);
                }
            } else {
                peer.send("!re", ".tag=" + tag, "=name=legacy");
                peer.send("!done", ".tag=" + tag);
            }
        })) {
            assertThat(clients.session(router.endpoint()).execute(Sentence.of("/system/identity/print")).rows())
                    .containsExactly(Map.of("name", "legacy"));
        }
    }

    @Test
    void theRouterHangingUpMidSentenceFailsTheCommandAtOnce() throws Exception {
        try (ScriptedRouter router = ScriptedRouter.afterLogin((sentence, tag, peer) -> {
            peer.sendRaw(new byte[] {3, '!', 'r', 'e', 20, '=', 'a'});
            peer.hangUp();
        })) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> clients.session(router.endpoint()).execute(Sentence.of("/ip/address/print")))
                    .isInstanceOf(RouterConnectionException.class)
                    .hasMessageContaining("closed by the router");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        }
    }
}
