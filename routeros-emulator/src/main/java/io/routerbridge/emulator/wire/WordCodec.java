package io.routerbridge.emulator.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes words and sentences with the API's variable-length prefix (always the minimal form). */
public final class WordCodec {
    private WordCodec() {
    }

    public static void writeLength(ByteArrayOutputStream out, long len) {
        if (len < 0x80) {
            out.write((int) len);
        } else if (len < 0x4000) {
            long v = len | 0x8000;
            out.write((int) (v >> 8));
            out.write((int) v);
        } else if (len < 0x200000) {
            long v = len | 0xC00000;
            out.write((int) (v >> 16));
            out.write((int) (v >> 8));
            out.write((int) v);
        } else if (len < 0x10000000) {
            long v = len | 0xE0000000L;
            out.write((int) (v >> 24));
            out.write((int) (v >> 16));
            out.write((int) (v >> 8));
            out.write((int) v);
        } else {
            out.write(0xF0);
            out.write((int) (len >> 24));
            out.write((int) (len >> 16));
            out.write((int) (len >> 8));
            out.write((int) len);
        }
    }

    public static void writeWord(ByteArrayOutputStream out, String word) {
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        writeLength(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    public static void writeSentence(ByteArrayOutputStream out, List<String> words) {
        for (String w : words) {
            writeWord(out, w);
        }
        out.write(0);
    }

    public static byte[] encodeSentence(List<String> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeSentence(out, words);
        return out.toByteArray();
    }
}
