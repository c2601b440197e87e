package io.routerbridge.routeros;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's framing: a word is a length prefix (1 to 5 bytes) and UTF-8 bytes; a sentence is words ended by an empty
 * word. Encoding always uses the shortest prefix; decoding accepts any prefix form, minimal or not.
 */
final class WireCodec {
    /** Bigger words than this are treated as a broken stream rather than allocated. */
    static final int MAX_WORD_BYTES = 64 * 1024 * 1024;

    private WireCodec() {
    }

    /** One sentence as bytes, ready to be written in a single call. */
    static byte[] encodeSentence(List<String> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * words.size());
        appendSentence(out, words);
        return out.toByteArray();
    }

    static void appendSentence(ByteArrayOutputStream out, List<String> words) {
        for (String word : words) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            writeLength(out, bytes.length);
            out.write(bytes, 0, bytes.length);
        }
        out.write(0);
    }

    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        } else if (length < 0x80) {
            out.write(length);
        } else if (length < 0x4000) {
            out.write((length >>> 8) | 0x80);
            out.write(length);
        } else if (length < 0x200000) {
            out.write((length >>> 16) | 0xC0);
            out.write(length >>> 8);
            out.write(length);
        } else if (length < 0x10000000) {
            out.write((length >>> 24) | 0xE0);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0xF0);
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }

    /** Reads one length prefix; {@link EOFException} when the stream ends, also cleanly between sentences. */
    static long readLength(InputStream in) throws IOException {
        int first = readByte(in);
        if ((first & 0x80) == 0) {
            return first;
        }
        if ((first & 0xC0) == 0x80) {
            return ((long) (first & 0x3F) << 8) | readByte(in);
        }
        if ((first & 0xE0) == 0xC0) {
            return ((long) (first & 0x1F) << 16) | ((long) readByte(in) << 8) | readByte(in);
        }
        if ((first & 0xF0) == 0xE0) {
            return ((long) (first & 0x0F) << 24) | ((long) readByte(in) << 16) | ((long) readByte(in) << 8) | readByte(in);
        }
        if (first == 0xF0) {
            return ((long) readByte(in) << 24) | ((long) readByte(in) << 16) | ((long) readByte(in) << 8) | readByte(in);
        }
        throw new RouterConnectionException(String.format("protocol error: reserved control byte 0x%02X in the stream", first));
    }

    /** Reads words up to the empty word that ends the sentence (an empty list for an empty sentence). */
    static List<String> readSentence(InputStream in) throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            long length = readLength(in);
            if (length == 0) {
                return words;
            }
            if (length > MAX_WORD_BYTES) {
                throw new RouterConnectionException("protocol error: word of " + length + " bytes is longer than "
                        + MAX_WORD_BYTES);
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new EOFException("stream ended inside a word");
            }
            words.add(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** The {@code =name=value} words of a sentence; the name ends at the first '=' after the leading one. */
    static Map<String, String> attributes(List<String> sentence) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < sentence.size(); i++) {
            String word = sentence.get(i);
            if (word.length() > 1 && word.charAt(0) == '=') {
                int split = word.indexOf('=', 1);
                if (split < 0) {
                    attributes.put(word.substring(1), "");
                } else {
                    attributes.put(word.substring(1, split), word.substring(split + 1));
                }
            }
        }
        return Collections.unmodifiableMap(attributes);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended");
        }
        return b;
    }
}
