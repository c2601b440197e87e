package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireCodecTest {

    @ParameterizedTest(name = "length {0} -> {1}")
    @CsvSource({
            "0, 00",
            "1, 01",
            "127, 7f",
            "128, 8080",
            "16383, bfff",
            "16384, c04000",
            "2097151, dfffff",
            "2097152, e0200000",
            "268435455, efffffff",
            "268435456, f010000000",
            "2147483647, f07fffffff",
    })
    void encodesEveryLengthInItsShortestForm(int length, String hex) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireCodec.writeLength(out, length);
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(hex);
        assertThat(WireCodec.readLength(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "two bytes, 8005",
            "three bytes, c00005",
            "four bytes, e0000005",
            "five bytes, f000000005",
    })
    void acceptsNonMinimalLengthPrefixes(String form, String prefix) throws IOException {
        byte[] sentence = concat(HexFormat.of().parseHex(prefix), "!done".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0});
        assertThat(WireCodec.readSentence(new ByteArrayInputStream(sentence))).containsExactly("!done");
    }

    @Test
    void wordsOfEachPrefixSizeRoundTripWithTheirContent() throws IOException {
        int[] lengths = {0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000};
        int[] prefixBytes = {1, 2, 2, 3, 3, 4};
        for (int i = 0; i < lengths.length; i++) {
            String word = "=comment=" + "v".repeat(lengths[i] - 9);
            byte[] encoded = WireCodec.encodeSentence(List.of(word));
            assertThat(encoded.length).isEqualTo(prefixBytes[i] + lengths[i] + 1);
            assertThat(WireCodec.readSentence(new ByteArrayInputStream(encoded))).containsExactly(word);
        }
    }

    @Test
    void prefixCountsUtf8BytesNotCharacters() throws IOException {
        byte[] encoded = WireCodec.encodeSentence(List.of("=comment=日本😀"));
        // "=comment=" is 9 bytes, 日本 6, the emoji 4
        assertThat(encoded[0]).isEqualTo((byte) 19);
        assertThat(WireCodec.readSentence(new ByteArrayInputStream(encoded))).containsExactly("=comment=日本😀");
    }

    @Test
    void anEmptySentenceDecodesToNoWords() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {0, 5, '!', 'd', 'o', 'n', 'e', 0});
        assertThat(WireCodec.readSentence(in)).isEmpty();
        assertThat(WireCodec.readSentence(in)).containsExactly("!done");
    }

    @Test
    void aReservedControlByteIsAProtocolError() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {(byte) 0xF8, 1, 2});
        assertThatThrownBy(() -> WireCodec.readSentence(in))
                .isInstanceOf(RouterConnectionException.class)
                .hasMessageContaining("reserved control byte 0xF8");
    }

    @Test
    void anAbsurdWordLengthIsRefusedRatherThanAllocated() {
        ByteArrayInputStream in = new ByteArrayInputStream(HexFormat.of().parseHex("f07fffffff"));
        assertThatThrownBy(() -> WireCodec.readSentence(in))
                .isInstanceOf(RouterConnectionException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void endOfStreamInsideAWordOrBetweenSentencesIsEof() {
        assertThatThrownBy(() -> WireCodec.readSentence(new ByteArrayInputStream(new byte[] {5, '!', 'd'})))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> WireCodec.readSentence(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void attributeNamesEndAtTheFirstEqualsSignAfterTheLeadingOne() {
        assertThat(WireCodec.attributes(List.of("!re", "=comment=a=b", "=empty=", "=.id=*A", ".tag=3", "=flag")))
                .containsExactly(
                        java.util.Map.entry("comment", "a=b"),
                        java.util.Map.entry("empty", ""),
                        java.util.Map.entry(".id", "*A"),
                        java.util.Map.entry("flag", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }
}
