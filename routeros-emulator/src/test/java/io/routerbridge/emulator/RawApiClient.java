package io.routerbridge.emulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A deliberately tiny, independent API client for tests: raw sockets, explicit words. */
final class RawApiClient implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawApiClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    static RawApiClient connect(int port) throws IOException {
        return new RawApiClient(new Socket("127.0.0.1", port));
    }

    static RawApiClient login(int port, String user, String password) throws IOException {
        RawApiClient c = connect(port);
        List<List<String>> reply = c.call("/login", "=name=" + user, "=password=" + password);
        if (!reply.get(reply.size() - 1).get(0).equals("!done") || reply.size() != 1) {
            throw new IOException("login failed: " + reply);
        }
        return c;
    }

    /** Length prefix in the minimal form, or forced to {@code bytes} bytes (non-minimal). */
    static byte[] length(long len, int bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        switch (bytes) {
            case 1 -> b.write((int) len);
            case 2 -> {
                b.write((int) ((len >> 8) | 0x80));
                b.write((int) len);
            }
            case 3 -> {
                b.write((int) ((len >> 16) | 0xC0));
                b.write((int) (len >> 8));
                b.write((int) len);
            }
            case 4 -> {
                b.write((int) ((len >> 24) | 0xE0));
                b.write((int) (len >> 16));
                b.write((int) (len >> 8));
                b.write((int) len);
            }
            case 5 -> {
                b.write(0xF0);
                b.write((int) (len >> 24));
                b.write((int) (len >> 16));
                b.write((int) (len >> 8));
                b.write((int) len);
            }
            default -> throw new IllegalArgumentException();
        }
        return b.toByteArray();
    }

    static int minimalBytes(long len) {
        return len < 0x80 ? 1 : len < 0x4000 ? 2 : len < 0x200000 ? 3 : len < 0x10000000 ? 4 : 5;
    }

    static byte[] encode(List<String> words, int forcedLengthBytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String w : words) {
            byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(length(bytes.length, forcedLengthBytes > 0 ? forcedLengthBytes : minimalBytes(bytes.length)));
            b.writeBytes(bytes);
        }
        b.write(0);
        return b.toByteArray();
    }

    void send(String... words) throws IOException {
        out.write(encode(List.of(words), 0));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one sentence; its words plus the length-prefix sizes seen are checked to be minimal. */
    List<String> read() throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            long len = readLength();
            if (len == 0) {
                return words;
            }
            byte[] bytes = new byte[(int) len];
            in.readFully(bytes);
            words.add(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private long readLength() throws IOException {
        int first = in.readUnsignedByte();
        long len;
        int expectedMinimal;
        if (first < 0x80) {
            return first;
        } else if (first < 0xC0) {
            len = ((first & 0x3F) << 8) | in.readUnsignedByte();
            expectedMinimal = 2;
        } else if (first < 0xE0) {
            len = ((long) (first & 0x1F) << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            expectedMinimal = 3;
        } else if (first < 0xF0) {
            len = ((long) (first & 0x0F) << 24) | ((long) in.readUnsignedByte() << 16)
                    | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            expectedMinimal = 4;
        } else if (first == 0xF0) {
            len = ((long) in.readUnsignedByte() << 24) | ((long) in.readUnsignedByte() << 16)
                    | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            expectedMinimal = 5;
        } else {
            throw new IOException("control byte from server");
        }
        if (minimalBytes(len) != expectedMinimal) {
            throw new IOException("server sent a non-minimal length");
        }
        return len;
    }

    /** Reads sentences until (and including) the {@code !done} for an untagged command. */
    List<List<String>> readUntilDone() throws IOException {
        List<List<String>> out = new ArrayList<>();
        while (true) {
            List<String> s = read();
            out.add(s);
            if (s.get(0).equals("!done") || s.get(0).equals("!fatal")) {
                return out;
            }
        }
    }

    List<List<String>> call(String... words) throws IOException {
        send(words);
        return readUntilDone();
    }

    /** The `!re` rows of a call, as maps. */
    List<Map<String, String>> rows(String... words) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> s : call(words)) {
            if (s.get(0).equals("!trap")) {
                throw new IOException("trap: " + s);
            }
            if (s.get(0).equals("!re")) {
                rows.add(attributes(s));
            }
        }
        return rows;
    }

    static Map<String, String> attributes(List<String> sentence) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String w : sentence.subList(1, sentence.size())) {
            if (w.startsWith("=")) {
                int eq = w.indexOf('=', 1);
                m.put(w.substring(1, eq), w.substring(eq + 1));
            } else {
                int eq = w.indexOf('=');
                m.put(w.substring(0, eq), w.substring(eq + 1));
            }
        }
        return m;
    }

    /** True when the server closed the connection (EOF) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            return true;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
