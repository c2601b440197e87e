package io.routerbridge.routeros;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP peer that answers with hand-written sentences, for the protocol corners the emulator never produces
 * (unknown reply words, tags in odd positions, out-of-order replies, non-minimal length prefixes, legacy login).
 * Everything else is tested against the emulator.
 */
final class ScriptedRouter implements AutoCloseable {
    /** Answers one received sentence; {@code tag} is the value of its {@code .tag=} word (or null). */
    interface Script {
        void answer(List<String> sentence, String tag, Peer peer) throws IOException;
    }

    /** The connection to the client under test. */
    static final class Peer {
        private final Socket socket;
        private final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void send(String... words) throws IOException {
            out.write(WireCodec.encodeSentence(List.of(words)));
            out.flush();
        }

        void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void hangUp() throws IOException {
            socket.close();
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    ScriptedRouter(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "test-scripted-router");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Plain post-6.43 login, then the given script. */
    static ScriptedRouter afterLogin(Script script) throws IOException {
        return new ScriptedRouter((sentence, tag, peer) -> {
            if (sentence.get(0).equals("/login")) {
                peer.send("!done", ".tag=" + tag);
            } else {
                script.answer(sentence, tag, peer);
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    RouterEndpoint endpoint() {
        return RouterEndpoint.plain("127.0.0.1", port(), "admin", "secret");
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                connections.incrementAndGet();
                Thread handler = new Thread(() -> serve(socket), "test-scripted-router-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Peer peer = new Peer(socket);
            while (true) {
                List<String> sentence = WireCodec.readSentence(in);
                if (sentence.isEmpty()) {
                    continue;
                }
                String tag = sentence.stream().filter(word -> word.startsWith(".tag=")).map(word -> word.substring(5))
                        .findFirst().orElse(null);
                script.answer(sentence, tag, peer);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    static Map<String, String> attributes(List<String> sentence) {
        return WireCodec.attributes(sentence);
    }

    static byte[] nonMinimalSentence(String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String word : words) {
            byte[] bytes = word.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(0xF0); // the five-byte form, whatever the length
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.write(bytes, 0, bytes.length);
        }
        out.write(0);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
