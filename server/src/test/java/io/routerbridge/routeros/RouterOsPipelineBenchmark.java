package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.emulator.RouterOsEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 1,000 address-list adds at 10 ms emulated latency, one by one and pipelined on one connection. Reports figures;
 * run with -Dgroups=benchmark.
 */
@Tag("benchmark")
class RouterOsPipelineBenchmark {
    private static final int COMMANDS = 1000;
    private static final int LATENCY_MS = 10;

    @Test
    void oneByOneVersusPipelined() {
        ClientOptions options = ClientOptions.defaults().withCommandTimeout(Duration.ofSeconds(60))
                .withKeepaliveInterval(null);
        try (RouterOsEmulator emulator = Emulators.start(builder -> builder.latencyMs(LATENCY_MS));
             RouterClients clients = new RouterClients(options)) {
            RouterSession session = clients.session(Emulators.plain(emulator));
            session.execute(Sentence.of("/system/identity/print")); // connect and log in outside the timings

            long started = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                session.execute(TestRouters.addToList("one-by-one", TestRouters.address(i), ""));
            }
            double sequentialSeconds = (System.nanoTime() - started) / 1e9;

            List<Sentence> batch = new ArrayList<>(COMMANDS);
            for (int i = 0; i < COMMANDS; i++) {
                batch.add(TestRouters.addToList("pipelined", TestRouters.address(i), ""));
            }
            started = System.nanoTime();
            List<Reply> replies = session.executeAll(batch);
            double pipelinedSeconds = (System.nanoTime() - started) / 1e9;

            assertThat(replies).allSatisfy(reply -> assertThat(reply.ret()).isPresent());
            assertThat(emulator.state().rows("/ip/firewall/address-list")).hasSize(2 * COMMANDS);

            print("1000 address-list adds, " + LATENCY_MS + " ms latency, pipelined (wall time)",
                    seconds(pipelinedSeconds), seconds(sequentialSeconds) + " one by one",
                    sequentialSeconds / pipelinedSeconds);
            print("address-list adds per second, pipelined", perSecond(COMMANDS / pipelinedSeconds),
                    perSecond(COMMANDS / sequentialSeconds) + " one by one",
                    sequentialSeconds / pipelinedSeconds);
        }
    }

    private static void print(String name, String value, String baseline, double ratio) {
        System.out.printf(Locale.ROOT, "BENCH | %s | %s | %s | %.1fx%n", name, value, baseline, ratio);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f s", value);
    }

    private static String perSecond(double value) {
        return String.format(Locale.ROOT, "%.0f commands/s", value);
    }
}
