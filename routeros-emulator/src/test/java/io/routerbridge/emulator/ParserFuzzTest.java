package io.routerbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.emulator.wire.SentenceDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Fuzzing of the emulator's parser: bad byte streams and odd commands never break it or its neighbours. */
class ParserFuzzTest {
    static RouterOsEmulator emu;
    static RawApiClient witness;
    static RawApiClient fuzzed;

    @BeforeContainer
    static void start() throws IOException {
        emu = RouterOsEmulator.start(EmulatorConfig.builder().password("pw").build());
        witness = RawApiClient.login(emu.apiPort(), "admin", "pw");
        fuzzed = RawApiClient.login(emu.apiPort(), "admin", "pw");
    }

    @AfterContainer
    static void stop() throws IOException {
        witness.close();
        fuzzed.close();
        emu.close();
    }

    @Property(tries = 10_000)
    void decoderOnlyEverReportsProtocolViolations(@ForAll("bytes") byte[] input, @ForAll("cuts") List<Integer> cuts) {
        SentenceDecoder decoder = new SentenceDecoder();
        int pos = 0;
        long read = 0;
        try {
            for (int cut : cuts) {
                int end = Math.min(input.length, pos + cut);
                decoder.feed(input, pos, end - pos, ++read);
                pos = end;
            }
            decoder.feed(input, pos, input.length - pos, ++read);
        } catch (SentenceDecoder.ProtocolViolation expected) {
            // the connection would be closed: that is the specified reaction
        }
    }

    @Property(tries = 500)
    void sentencesSurviveAnyLengthFormAndAnySplit(@ForAll("sentences") List<List<String>> sentences,
                                                  @ForAll("cuts") List<Integer> cuts,
                                                  @ForAll("lengthForms") List<Integer> forms)
            throws SentenceDecoder.ProtocolViolation {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < sentences.size(); i++) {
            int form = forms.isEmpty() ? 0 : forms.get(i % forms.size());
            List<String> s = sentences.get(i);
            int minimal = s.stream().mapToInt(w -> RawApiClient.minimalBytes(w.getBytes().length)).max().orElse(1);
            stream.writeBytes(RawApiClient.encode(s, form < minimal ? 0 : form));
        }
        byte[] bytes = stream.toByteArray();
        SentenceDecoder decoder = new SentenceDecoder();
        List<List<String>> decoded = new ArrayList<>();
        int pos = 0;
        long read = 0;
        for (int cut : cuts) {
            int end = Math.min(bytes.length, pos + cut);
            decoder.feed(bytes, pos, end - pos, ++read).forEach(d -> decoded.add(d.words()));
            pos = end;
        }
        decoder.feed(bytes, pos, bytes.length - pos, ++read).forEach(d -> decoded.add(d.words()));
        assertThat(decoded).isEqualTo(sentences);
    }

    @Property(tries = 1_500)
    void everyCommandEndsWithDoneAndTheConnectionStaysUsable(@ForAll("commands") List<String> command)
            throws IOException {
        List<List<String>> reply = fuzzed.call(command.toArray(String[]::new));
        List<String> last = reply.get(reply.size() - 1);
        assertThat(last.get(0)).isEqualTo("!done");
        for (List<String> s : reply) {
            assertThat(s.get(0)).isIn("!re", "!done", "!trap", "!empty");
        }
    }

    @Property(tries = 300)
    void garbageOnOneConnectionNeverHurtsAnother(@ForAll("bytes") byte[] garbage) throws IOException {
        try (Socket s = new Socket("127.0.0.1", emu.apiPort())) {
            s.getOutputStream().write(garbage);
            s.getOutputStream().flush();
        }
        // the command fuzzer may have renamed the router: compare with the live state
        String name = emu.state().rows("/system/identity").get(0).get("name");
        assertThat(witness.call("/system/identity/print")).containsExactly(List.of("!re", "=name=" + name),
                List.of("!done"));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> prefixHeavy = Arbitraries.of((byte) 0x80, (byte) 0xC0, (byte) 0xE0, (byte) 0xF0,
                (byte) 0xF8, (byte) 0xFF, (byte) 0x00, (byte) 0x7F, (byte) 0x3D, (byte) 0x21).array(byte[].class)
                .ofMaxSize(64);
        return Arbitraries.oneOf(random, prefixHeavy);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 40).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<Integer>> lengthForms() {
        return Arbitraries.integers().between(0, 5).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<List<String>>> sentences() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withChars("=?!.#*/-ab").ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().withChars('x').ofLength(200));
        return word.list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> commands() {
        Arbitrary<String> menu = Arbitraries.of("/ip/address", "/ip/firewall/filter", "/ip/firewall/nat",
                "/ip/firewall/address-list", "/ip/firewall/connection", "/ppp/secret", "/ppp/profile", "/ppp/active",
                "/queue/simple", "/interface", "/interface/l2tp-server/server", "/system/identity",
                "/system/resource", "/ip/pool", "/ip/route", "/nope", "/ip", "");
        Arbitrary<String> verb = Arbitraries.of("print", "getall", "add", "set", "remove", "enable", "disable",
                "unset", "move", "get", "bogus", "");
        Arbitrary<String> name = Arbitraries.of("name", "address", "interface", ".id", "numbers", "list", "chain",
                "action", "comment", "disabled", "max-limit", "target", "timeout", "place-before", "profile",
                "service", ".proplist", "count-only", "value-name", "dst-port", "protocol", "to-addresses", "x");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("", "*1", "*FFFF", "*zz", "ether1", "10.0.0.1", "10.0.0.1/24", "10M/10M", "yes",
                        "maybe", "1d", "default", "tcp", "80", "!ether2", "a,b", "srcnat", "drop"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> attribute = Combinators.combine(name, value).as((n, v) -> "=" + n + "=" + v);
        Arbitrary<String> query = Combinators.combine(Arbitraries.of("?", "?-", "?=", "?<", "?>"), name, value)
                .as((op, n, v) -> op + n + (op.equals("?-") ? "" : "=" + v));
        Arbitrary<String> ops = Arbitraries.strings().withChars("!&|.0123456789x").ofMaxLength(6).map(s -> "?#" + s);
        Arbitrary<String> odd = Arbitraries.of("=", "==", "?", "?#", ".tag=", "bare", "=novalue", ".foo=bar");
        Arbitrary<String> extra = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, attribute), net.jqwik.api.Tuple.of(3, query), net.jqwik.api.Tuple.of(1, ops),
                net.jqwik.api.Tuple.of(1, odd));
        return Combinators.combine(menu, verb, extra.list().ofMaxSize(6)).as((m, v, rest) -> {
            List<String> words = new ArrayList<>();
            words.add(m + "/" + v);
            words.addAll(rest);
            return words;
        });
    }
}
