package io.routerbridge.emulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Figures, not a test: how fast the emulator answers pipelined bulk work at 10 ms latency. */
@Tag("benchmark")
class EmulatorBenchmark {
    private static final int USERS = 10_000;

    @Test
    void bulkPppWorkAtTenMillisecondsLatency() throws Exception {
        try (RouterOsEmulator emu = RouterOsEmulator.start(EmulatorConfig.builder().password("pw").latencyMs(10)
                .build());
             RawApiClient c = RawApiClient.login(emu.apiPort(), "admin", "pw")) {
            report("add secrets", pipelined(c, i -> List.of("/ppp/secret/add", "=name=u" + i, "=password=p",
                    ".tag=" + i)));
            long t0 = System.nanoTime();
            for (int i = 0; i < USERS; i++) {
                emu.connectPppClient("u" + i, "l2tp", "10.50." + (i / 250) + "." + (i % 250 + 1), "");
            }
            report("connect sessions (in-process)", (System.nanoTime() - t0) / 1_000_000);
            report("disable secrets", pipelined(c, i -> List.of("/ppp/secret/set", "=numbers=u" + i,
                    "=disabled=yes", ".tag=" + i)));
            report("kick sessions", pipelined(c, i -> List.of("/ppp/active/remove", "=numbers=u" + i,
                    ".tag=" + i)));
            t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                c.call("/system/identity/print");
            }
            System.out.printf("emulator benchmark: 100 sequential prints: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            System.out.println("stats: " + emu.stats().total());
        }
    }

    private static long pipelined(RawApiClient c, IntFunction<List<String>> command) throws Exception {
        long t0 = System.nanoTime();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = new BufferedOutputStream(c.socket.getOutputStream(), 65536);
                for (int i = 0; i < USERS; i++) {
                    out.write(RawApiClient.encode(command.apply(i), 0));
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();
        for (int i = 0; i < USERS; i++) {
            c.read();
        }
        writer.join();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void report(String what, long ms) {
        System.out.printf("emulator benchmark: %s x%d: %d ms%n", what, USERS, ms);
    }

}
