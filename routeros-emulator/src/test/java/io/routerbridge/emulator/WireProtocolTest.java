package io.routerbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wire conformance against reference/routeros-api.md §1 and §6, over TCP. */
class WireProtocolTest {
    static RouterOsEmulator emu;

    @BeforeAll
    static void start() {
        emu = RouterOsEmulator.start(EmulatorConfig.builder().user("admin").password("s3cret").rosVersion("7.19")
                .build());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @BeforeEach
    void reset() {
        emu.reset();
    }

    RawApiClient login() throws Exception {
        return RawApiClient.login(emu.apiPort(), "admin", "s3cret");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void everyLengthFormIsAcceptedIncludingNonMinimal(int lengthBytes) throws Exception {
        try (RawApiClient c = RawApiClient.connect(emu.apiPort())) {
            c.sendRaw(RawApiClient.encode(List.of("/login", "=name=admin", "=password=s3cret"), lengthBytes));
            assertThat(c.read()).containsExactly("!done");
            c.sendRaw(RawApiClient.encode(List.of("/system/identity/print"), lengthBytes));
            assertThat(c.readUntilDone()).containsExactly(List.of("!re", "=name=MikroTik"), List.of("!done"));
        }
    }

    @Test
    void longWordsUseEachMinimalLengthFormBothWays() throws Exception {
        try (RawApiClient c = login()) {
            for (int len : new int[] {0x7F - 10, 0x80, 0x3FFF - 10, 0x4000, 0x200000 + 5}) {
                String comment = "c".repeat(len);
                List<List<String>> added = c.call("/ip/firewall/address-list/add", "=list=L" + len,
                        "=address=10.1.1.1", "=comment=" + comment);
                assertThat(added.get(0).get(0)).isEqualTo("!done");
                // the reader checks that every length prefix the server sends is minimal
                List<Map<String, String>> rows = c.rows("/ip/firewall/address-list/print", "?list=L" + len);
                assertThat(rows).singleElement().satisfies(r -> assertThat(r.get("comment")).hasSize(len));
            }
        }
    }

    @Test
    void wordsSplitAcrossSegmentsByteByByte() throws Exception {
        try (RawApiClient c = login()) {
            byte[] bytes = RawApiClient.encode(List.of("/ip/address/add", "=address=10.9.9.9/24",
                    "=interface=ether2", "=comment=" + "x".repeat(300)), 0);
            for (byte b : bytes) {
                c.sendRaw(new byte[] {b});
            }
            List<String> reply = c.read();
            assertThat(reply.get(0)).isEqualTo("!done");
            assertThat(reply.get(1)).matches("=ret=\\*[0-9A-F]+");
            assertThat(emu.state().rows("/ip/address")).singleElement()
                    .satisfies(r -> assertThat(r.get("comment")).hasSize(300));
        }
    }

    @Test
    void emptySentencesAreIgnored() throws Exception {
        try (RawApiClient c = login()) {
            c.sendRaw(new byte[] {0, 0, 0});
            assertThat(c.call("/system/identity/print")).containsExactly(List.of("!re", "=name=MikroTik"),
                    List.of("!done"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0xF8, 0xF9, 0xFF})
    void controlByteClosesTheConnection(int control) throws Exception {
        try (RawApiClient c = login()) {
            c.sendRaw(new byte[] {(byte) control});
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawApiClient other = login()) {
            assertThat(other.rows("/system/identity/print")).hasSize(1);
        }
    }

    @Test
    void loginSucceedsAndWrongPasswordTrapsThenDone() throws Exception {
        try (RawApiClient c = RawApiClient.connect(emu.apiPort())) {
            assertThat(c.call("/login", "=name=admin", "=password=wrong")).containsExactly(
                    List.of("!trap", "=message=invalid user name or password (6)"), List.of("!done"));
            assertThat(c.call("/login", "=name=nobody", "=password=s3cret").get(0)).contains(
                    "=message=invalid user name or password (6)");
            assertThat(c.call("/login", "=name=admin", "=password=s3cret")).containsExactly(List.of("!done"));
        }
    }

    @Test
    void before643TheLoginIsAnMd5ChallengeResponse() throws Exception {
        try (RouterOsEmulator old = RouterOsEmulator.start(EmulatorConfig.builder().password("old-pw")
                .rosVersion("6.40").build());
             RawApiClient c = RawApiClient.connect(old.apiPort())) {
            // a post-6.43 client sends name and password first; an old router answers with a challenge
            List<List<String>> first = c.call("/login", "=name=admin", "=password=old-pw");
            assertThat(first).hasSize(1);
            assertThat(first.get(0).get(1)).matches("=ret=[0-9a-f]{32}");
            assertThat(c.call("/system/identity/print").get(0)).contains("=message=not logged in");
            String challenge = c.call("/login").get(0).get(1).substring(5);
            assertThat(c.call("/login", "=name=admin", "=response=00" + md5("wrong", challenge))).containsExactly(
                    List.of("!trap", "=message=cannot log in"), List.of("!done"));
            challenge = c.call("/login").get(0).get(1).substring(5);
            assertThat(c.call("/login", "=name=admin", "=response=00" + md5("old-pw", challenge)))
                    .containsExactly(List.of("!done"));
            assertThat(c.rows("/system/identity/print")).hasSize(1);
        }
    }

    private static String md5(String password, String challengeHex) throws Exception {
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        md5.update((byte) 0);
        md5.update(password.getBytes(StandardCharsets.UTF_8));
        md5.update(java.util.HexFormat.of().parseHex(challengeHex));
        return java.util.HexFormat.of().formatHex(md5.digest());
    }

    @Test
    void commandsBeforeLoginAreRefused() throws Exception {
        try (RawApiClient c = RawApiClient.connect(emu.apiPort())) {
            assertThat(c.call("/ip/address/print")).containsExactly(
                    List.of("!trap", "=category=5", "=message=not logged in"), List.of("!done"));
            assertThat(c.call("/ip/address/add", "=address=1.2.3.4", "=interface=ether1").get(0))
                    .contains("=message=not logged in");
        }
        assertThat(emu.state().rows("/ip/address")).isEmpty();
    }

    @Test
    void tooManySentencesBeforeLoginIsFatal() throws Exception {
        try (RawApiClient c = RawApiClient.connect(emu.apiPort())) {
            List<String> last = null;
            for (int i = 0; i < 40 && (last == null || !last.get(0).equals("!fatal")); i++) {
                c.send("/ip/address/print");
                List<List<String>> r = c.readUntilDone();
                last = r.get(r.size() - 1);
            }
            assertThat(last.get(0)).isEqualTo("!fatal");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void tagsAreEchoedRightAfterTheReplyWordOnlyWhenSent() throws Exception {
        try (RawApiClient c = login()) {
            c.call("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether2");
            List<List<String>> tagged = c.call("/ip/address/print", ".tag=abc");
            assertThat(tagged).allSatisfy(s -> assertThat(s.get(1)).isEqualTo(".tag=abc"));
            assertThat(tagged).allSatisfy(s -> assertThat(s.stream().filter(w -> w.startsWith(".tag="))).hasSize(1));
            List<List<String>> untagged = c.call("/ip/address/print");
            assertThat(untagged).allSatisfy(s -> assertThat(s).noneMatch(w -> w.startsWith(".tag")));
            c.send("/nope/print", ".tag=t1");
            List<List<String>> traps = c.readUntilDone();
            assertThat(traps).allSatisfy(s -> assertThat(s.get(1)).isEqualTo(".tag=t1"));
        }
    }

    @Test
    void pipelinedTaggedCommandsAllAnswered() throws Exception {
        try (RawApiClient c = login()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                batch.writeBytes(RawApiClient.encode(List.of("/ip/firewall/address-list/add", "=list=p",
                        "=address=10.2." + (i / 250) + "." + (i % 250 + 1), ".tag=" + i), 0));
            }
            c.sendRaw(batch.toByteArray());
            Set<String> doneTags = new HashSet<>();
            Set<String> ids = new HashSet<>();
            while (doneTags.size() < 200) {
                List<String> s = c.read();
                assertThat(s.get(0)).isEqualTo("!done");
                doneTags.add(s.get(1));
                ids.add(s.get(2));
            }
            assertThat(ids).hasSize(200);
            assertThat(emu.state().rows("/ip/firewall/address-list")).hasSize(200);
        }
    }

    @Test
    void severalConnectionsAtOnce() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 8; t++) {
            int n = t;
            Thread th = new Thread(() -> {
                try (RawApiClient c = login()) {
                    for (int i = 0; i < 25; i++) {
                        List<List<String>> r = c.call("/ppp/secret/add", "=name=u" + n + "-" + i, "=password=p");
                        assertThat(r.get(0).get(0)).isEqualTo("!done");
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
        assertThat(emu.state().rows("/ppp/secret")).hasSize(200);
    }

    @Test
    void trapIsAlwaysFollowedByDone() throws Exception {
        try (RawApiClient c = login()) {
            assertThat(c.call("/ip/address/add", "=address=10.0.0.1/24", "=interface=nope")).containsExactly(
                    List.of("!trap", "=category=1", "=message=input does not match any value of interface"),
                    List.of("!done"));
        }
    }

    @Test
    void unknownCommandGivesTwoTrapsThenDone() throws Exception {
        try (RawApiClient c = login()) {
            assertThat(c.call("/ip/address/frobnicate")).containsExactly(
                    List.of("!trap", "=category=0", "=message=no such command or directory (frobnicate)"),
                    List.of("!trap", "=message=no such command prefix"), List.of("!done"));
            assertThat(c.call("/system/routerboard/print").get(0))
                    .contains("=message=no such command or directory (routerboard)");
            assertThat(c.call("/ip/firewall/connection/add").get(0))
                    .contains("=message=no such command or directory (add)");
        }
    }

    @Test
    void emptyReplyOnlyFrom718() throws Exception {
        try (RawApiClient c = login()) {
            assertThat(c.call("/ip/address/print")).containsExactly(List.of("!empty"), List.of("!done"));
            assertThat(c.call("/ip/address/print", ".tag=7")).containsExactly(List.of("!empty", ".tag=7"),
                    List.of("!done", ".tag=7"));
        }
        for (String version : new String[] {"7.17", "6.49"}) { // 6.49: post-6.43 login, no !empty
            try (RouterOsEmulator old = RouterOsEmulator.start(EmulatorConfig.builder().password("p")
                    .rosVersion(version).build());
                 RawApiClient c = RawApiClient.login(old.apiPort(), "admin", "p")) {
                assertThat(c.call("/ip/address/print")).containsExactly(List.of("!done"));
            }
        }
        try (RouterOsEmulator v718 = RouterOsEmulator.start(EmulatorConfig.builder().password("p")
                .rosVersion("7.18").build());
             RawApiClient c = RawApiClient.login(v718.apiPort(), "admin", "p")) {
            assertThat(c.call("/ip/address/print")).containsExactly(List.of("!empty"), List.of("!done"));
        }
    }

    @Test
    void cancelWithTagFollowsTheReferenceSequence() throws Exception {
        try (RawApiClient c = login()) {
            c.send("/ip/address/listen", ".tag=10");
            c.send("/cancel", "=tag=10", ".tag=20");
            assertThat(c.read()).containsExactly("!trap", ".tag=10", "=category=2", "=message=interrupted");
            assertThat(c.read()).containsExactly("!done", ".tag=20");
            assertThat(c.read()).containsExactly("!done", ".tag=10");
        }
    }

    @Test
    void cancelWithoutTagCancelsEverythingRunning() throws Exception {
        try (RawApiClient c = login()) {
            c.send("/ip/address/listen", ".tag=a");
            c.send("/ppp/secret/listen", ".tag=b");
            c.send("/cancel");
            List<List<String>> r = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                r.add(c.read());
            }
            assertThat(r.subList(0, 2)).containsExactlyInAnyOrder(
                    List.of("!trap", ".tag=a", "=category=2", "=message=interrupted"),
                    List.of("!trap", ".tag=b", "=category=2", "=message=interrupted"));
            assertThat(r.get(2)).containsExactly("!done");
            assertThat(r.subList(3, 5)).containsExactlyInAnyOrder(List.of("!done", ".tag=a"),
                    List.of("!done", ".tag=b"));
            // nothing more arrives for the cancelled listeners
            c.call("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether2");
            assertThat(c.call("/system/identity/print")).hasSize(2);
        }
    }

    @Test
    void listenReportsChangesAndDeadItems() throws Exception {
        try (RawApiClient watcher = login(); RawApiClient writer = login()) {
            watcher.send("/ip/address/listen", ".tag=w");
            writer.call("/system/identity/print"); // the listen is registered before we change anything
            Thread.sleep(50);
            String id = writer.call("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether2").get(0).get(1)
                    .substring(5);
            List<String> added = watcher.read();
            assertThat(added).startsWith("!re", ".tag=w").contains("=.id=" + id, "=address=10.0.0.1/24");
            writer.call("/ip/address/set", "=.id=" + id, "=comment=hello");
            assertThat(watcher.read()).contains("=comment=hello");
            writer.call("/ip/address/remove", "=.id=" + id);
            assertThat(watcher.read()).containsExactly("!re", ".tag=w", "=.id=" + id, "=.dead=yes");
        }
    }

    @Test
    void quitSendsFatalWithBareReasonAndCloses() throws Exception {
        try (RawApiClient c = login()) {
            c.send("/quit");
            assertThat(c.read()).containsExactly("!fatal", "session terminated on request");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void getallIsPrint() throws Exception {
        try (RawApiClient c = login()) {
            assertThat(c.rows("/interface/getall")).isEqualTo(c.rows("/interface/print"));
        }
    }

    @Test
    void hashKeepaliveGetsAHarmlessReply() throws Exception {
        try (RawApiClient c = login()) {
            assertThat(c.call("#", ".tag=k")).containsExactly(List.of("!done", ".tag=k"));
            assertThat(c.rows("/system/identity/print")).hasSize(1);
        }
    }

    @Test
    void everyQueryOperator() throws Exception {
        try (RawApiClient c = login()) {
            c.call("/ppp/secret/add", "=name=a", "=password=1", "=limit-bytes-in=10", "=comment=x");
            c.call("/ppp/secret/add", "=name=b", "=password=2", "=limit-bytes-in=20", "=service=l2tp");
            c.call("/ppp/secret/add", "=name=c", "=password=3", "=limit-bytes-in=30", "=disabled=yes");
            assertThat(names(c, "?comment")).containsExactly("a");
            assertThat(names(c, "?-comment")).containsExactly("b", "c");
            assertThat(names(c, "?name=b")).containsExactly("b");
            assertThat(names(c, "?=name=b")).containsExactly("b");
            assertThat(names(c, "?<limit-bytes-in=20")).containsExactly("a");
            assertThat(names(c, "?>limit-bytes-in=10")).containsExactly("b", "c");
            assertThat(names(c, "?>comment=")).containsExactly("a");
            assertThat(names(c, "?name=a", "?name=c", "?#|")).containsExactly("a", "c");
            assertThat(names(c, "?name=a", "?#!")).containsExactly("b", "c");
            assertThat(names(c, "?service=any", "?disabled=false", "?#&")).containsExactly("a");
            assertThat(names(c, "?disabled=yes")).containsExactly("c");
            // index ops: push copy of index 1 ("name=a"), then or with top ("name=b") -> a or b;
            // the trailing index replaces the whole stack with that value
            assertThat(names(c, "?name=a", "?name=b", "?#1|0")).containsExactly("a", "b");
            // '.' duplicates the top; "!&" then ands the negated copy with itself -> false for all
            assertThat(names(c, "?name=a", "?#.!&")).isEmpty();
            assertThat(names(c, "?name=nobody")).isEmpty();
        }
    }

    private static List<String> names(RawApiClient c, String... query) throws Exception {
        List<String> words = new ArrayList<>(List.of("/ppp/secret/print"));
        words.addAll(List.of(query));
        return c.rows(words.toArray(String[]::new)).stream().map(r -> r.get("name")).toList();
    }

    @Test
    void proplistAndCountOnly() throws Exception {
        try (RawApiClient c = login()) {
            c.call("/ppp/secret/add", "=name=a", "=password=1");
            c.call("/ppp/secret/add", "=name=b", "=password=2");
            assertThat(c.rows("/ppp/secret/print", "=.proplist=.id,name")).allSatisfy(
                    r -> assertThat(r).containsOnlyKeys(".id", "name"));
            assertThat(c.call("/ppp/secret/print", "=count-only=")).containsExactly(List.of("!done", "=ret=2"));
            assertThat(c.call("/ppp/secret/print", "=count-only=", "?name=b"))
                    .containsExactly(List.of("!done", "=ret=1"));
            assertThat(c.call("/ppp/secret/print", "=count-only=", "?name=zz"))
                    .containsExactly(List.of("!done", "=ret=0"));
        }
    }

    @Test
    void idsAreStarUpperHexAndNeverReused() throws Exception {
        try (RawApiClient c = login()) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 12; i++) {
                String id = c.call("/ppp/secret/add", "=name=n" + i).get(0).get(1).substring(5);
                assertThat(id).matches("\\*[0-9A-F]+");
                assertThat(ids.add(id)).isTrue();
                if (i % 2 == 0) {
                    c.call("/ppp/secret/remove", "=.id=" + id);
                }
            }
            assertThat(ids).contains("*A", "*B", "*C");
        }
    }

    @Test
    void setAndRemoveByIdNumbersCommaListsAndName() throws Exception {
        try (RawApiClient c = login()) {
            String a = ret(c.call("/ppp/secret/add", "=name=a"));
            String b = ret(c.call("/ppp/secret/add", "=name=b"));
            ret(c.call("/ppp/secret/add", "=name=cc"));
            assertThat(c.call("/ppp/secret/set", "=numbers=" + a + "," + b, "=comment=two"))
                    .containsExactly(List.of("!done"));
            assertThat(names(c, "?comment=two")).containsExactly("a", "b");
            assertThat(c.call("/ppp/secret/set", "=.id=cc", "=password=new")).containsExactly(List.of("!done"));
            assertThat(emu.state().row("/ppp/secret", "cc")).containsEntry("password", "new");
            assertThat(c.call("/ppp/secret/disable", "=numbers=cc")).containsExactly(List.of("!done"));
            assertThat(names(c, "?disabled=true")).containsExactly("cc");
            assertThat(c.call("/ppp/secret/remove", "=.id=" + a + "," + b)).containsExactly(List.of("!done"));
            assertThat(c.call("/ppp/secret/remove", "=numbers=cc")).containsExactly(List.of("!done"));
            assertThat(emu.state().rows("/ppp/secret")).isEmpty();
            assertThat(c.call("/ppp/secret/remove", "=.id=" + a)).containsExactly(
                    List.of("!trap", "=message=no such item"), List.of("!done"));
            assertThat(c.call("/interface/set", "=.id=ether3", "=comment=lan")).containsExactly(List.of("!done"));
        }
    }

    private static String ret(List<List<String>> reply) {
        assertThat(reply.get(0).get(0)).isEqualTo("!done");
        return reply.get(0).get(1).substring("=ret=".length());
    }

    @Test
    void booleansPrintTrueFalseAndAcceptYesNoTrueFalse() throws Exception {
        try (RawApiClient c = login()) {
            for (String input : new String[] {"yes", "no", "true", "false"}) {
                String id = ret(c.call("/ppp/secret/add", "=name=" + input, "=disabled=" + input));
                String expected = input.equals("yes") || input.equals("true") ? "true" : "false";
                assertThat(c.rows("/ppp/secret/print", "?.id=" + id).get(0)).containsEntry("disabled", expected);
            }
            assertThat(c.call("/ppp/secret/add", "=name=x", "=disabled=maybe").get(0))
                    .contains("=message=invalid value for argument disabled");
        }
    }

    @Test
    void unknownAttributeTraps() throws Exception {
        try (RawApiClient c = login()) {
            assertThat(c.call("/ppp/secret/add", "=name=x", "=colour=red")).containsExactly(
                    List.of("!trap", "=category=1", "=message=unknown parameter colour"), List.of("!done"));
            assertThat(c.call("/ppp/secret/print", "=colour=red").get(0))
                    .contains("=message=unknown parameter colour");
        }
    }

    @Test
    void utf8ValuesSurvive() throws Exception {
        try (RawApiClient c = login()) {
            String comment = "Zürich = 東京 ! ?#";
            c.call("/ppp/secret/add", "=name=u", "=comment=" + comment);
            assertThat(c.rows("/ppp/secret/print", "?name=u").get(0)).containsEntry("comment", comment);
            assertThat(comment.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(comment.length());
        }
    }
}
