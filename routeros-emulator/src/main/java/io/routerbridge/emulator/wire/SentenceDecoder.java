package io.routerbridge.emulator.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental decoder: feed it whatever bytes arrived (words may be split anywhere, also inside a
 * length prefix) and it hands out complete sentences. Non-minimal length forms are accepted.
 * Empty sentences are dropped. A first length byte of 0xF8 or more is a protocol violation.
 */
public final class SentenceDecoder {
    /** Largest word we are willing to buffer. */
    public static final int MAX_WORD = 16 * 1024 * 1024;

    private byte[] buf = new byte[8192];
    private int start;
    private int end;
    private List<String> current = new ArrayList<>();
    /** Read number in which the oldest still-buffered byte arrived. */
    private long oldestBufferedRead = -1;
    private long sentenceFirstRead = -1;

    /** A decoded sentence plus the number of the read() in which its first byte arrived. */
    public record Decoded(List<String> words, long firstRead) {
    }

    public static final class ProtocolViolation extends Exception {
        public ProtocolViolation(String message) {
            super(message);
        }
    }

    /** Appends bytes from read number {@code readNumber}; returns every sentence now complete. */
    public List<Decoded> feed(byte[] data, int off, int len, long readNumber) throws ProtocolViolation {
        ensureCapacity(len);
        int oldDataEnd = end;
        if (start == end) {
            oldestBufferedRead = readNumber;
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
        List<Decoded> out = new ArrayList<>();
        while (start < end) {
            if (current.isEmpty() && sentenceFirstRead < 0) {
                sentenceFirstRead = start < oldDataEnd ? oldestBufferedRead : readNumber;
            }
            int first = buf[start] & 0xFF;
            int prefix;
            if (first < 0x80) {
                prefix = 1;
            } else if (first < 0xC0) {
                prefix = 2;
            } else if (first < 0xE0) {
                prefix = 3;
            } else if (first < 0xF0) {
                prefix = 4;
            } else if (first == 0xF0) {
                prefix = 5;
            } else {
                throw new ProtocolViolation(String.format("control byte 0x%02X", first));
            }
            if (end - start < prefix) {
                break;
            }
            long wordLen = prefix == 5 ? 0 : first & (0xFF >> prefix);
            for (int i = 1; i < prefix; i++) {
                wordLen = (wordLen << 8) | (buf[start + i] & 0xFF);
            }
            if (wordLen > MAX_WORD) {
                throw new ProtocolViolation("word of " + wordLen + " bytes is too long");
            }
            if (end - start < prefix + wordLen) {
                break;
            }
            int wordStart = start + prefix;
            start = wordStart + (int) wordLen;
            if (wordLen == 0) {
                if (!current.isEmpty()) {
                    out.add(new Decoded(List.copyOf(current), sentenceFirstRead));
                    current = new ArrayList<>();
                }
                sentenceFirstRead = -1;
            } else {
                current.add(new String(buf, wordStart, (int) wordLen, StandardCharsets.UTF_8));
            }
        }
        compact(readNumber, oldDataEnd);
        return out;
    }

    private void compact(long readNumber, int oldDataEnd) {
        if (start >= oldDataEnd) {
            oldestBufferedRead = readNumber;
        }
        if (start == end) {
            start = 0;
            end = 0;
            return;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
    }

    private void ensureCapacity(int extra) {
        if (end + extra > buf.length) {
            int need = end - start + extra;
            byte[] target = need > buf.length ? new byte[Math.max(need, buf.length * 2)] : buf;
            System.arraycopy(buf, start, target, 0, end - start);
            end -= start;
            start = 0;
            buf = target;
        } else if (start == end) {
            start = 0;
            end = 0;
        }
    }
}
