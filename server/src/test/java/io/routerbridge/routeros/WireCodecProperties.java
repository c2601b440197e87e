package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class WireCodecProperties {

    /** Values people type into comments and passwords, plus everything a command-string parser would trip over. */
    static Arbitrary<String> awkwardValues() {
        Arbitrary<String> fragments = Arbitraries.of("a", "Z", "9", " ", "  ", "'", "\"", "!", "=", "==", "?", "/",
                "/flash/x", "\n", "\r\n", "\t", "é", "ß", "日本", "😀", "where", "return", "and", "not", "?#|", ".tag=1",
                "=.id=*1", ",", "\\", "(", ")", "<", ">", "-", "*", "x".repeat(200));
        Arbitrary<String> joined = fragments.list().ofMaxSize(12).map(parts -> String.join("", parts));
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u024f')
                .withCharRange('\u4e00', '\u4fff').ofMaxLength(40);
        return Arbitraries.oneOf(joined, printable);
    }

    @Provide
    Arbitrary<String> values() {
        return awkwardValues();
    }

    /** Sentences of non-empty words (an empty word would end the sentence early). */
    @Provide
    Arbitrary<List<List<String>>> sentences() {
        return awkwardValues().filter(word -> !word.isEmpty()).list().ofMinSize(1).ofMaxSize(4).list().ofMaxSize(5);
    }

    @Property(tries = 500)
    void anyValueRoundTripsExactlyAsAnAttribute(@ForAll("values") String value) throws IOException {
        Sentence command = Sentence.of("/ppp/secret/set").with(".id", "*1").with("password", value).with("comment", value);
        List<String> words = new ArrayList<>(command.words());
        words.add(".tag=7");

        List<String> decoded = WireCodec.readSentence(new ByteArrayInputStream(WireCodec.encodeSentence(words)));

        assertThat(decoded).isEqualTo(words);
        assertThat(WireCodec.attributes(decoded))
                .containsEntry("password", value)
                .containsEntry("comment", value)
                .containsEntry(".id", "*1")
                .hasSize(3);
    }

    @Property(tries = 200)
    void anyValueStaysInsideItsQueryWord(@ForAll("values") String value) throws IOException {
        Sentence command = Sentence.of("/ip/address/print").whereEquals("comment", value).whereHas("address").whereOps("&");
        List<String> decoded = WireCodec.readSentence(
                new ByteArrayInputStream(WireCodec.encodeSentence(command.words())));
        assertThat(decoded).containsExactly("/ip/address/print", "?comment=" + value, "?address", "?#&");
    }

    @Property(tries = 200)
    void everyLengthDecodesToItself(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireCodec.writeLength(out, length);
        int expectedBytes = length < 0x80 ? 1 : length < 0x4000 ? 2 : length < 0x200000 ? 3 : length < 0x10000000 ? 4 : 5;
        assertThat(out.size()).isEqualTo(expectedBytes);
        assertThat(WireCodec.readLength(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(length);
    }

    @Property(tries = 100)
    void sentencesFollowEachOtherWithoutBleeding(@ForAll("sentences") List<List<String>> sentences) throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        sentences.forEach(sentence -> WireCodec.appendSentence(stream, sentence));
        ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
        for (List<String> sentence : sentences) {
            assertThat(WireCodec.readSentence(in)).isEqualTo(sentence);
        }
        assertThat(in.available()).isZero();
    }
}
