package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Emulators and client settings shared by the client's integration tests. */
final class TestRouters {
    static final String USER = "api-user";
    /** Deliberately awkward: a command-string client would split it. */
    static final String PASSWORD = "p!w=d \"x' ?#|";

    private TestRouters() {
    }

    static ClientOptions quickOptions() {
        return ClientOptions.defaults()
                .withConnectTimeout(Duration.ofMillis(1500))
                .withCommandTimeout(Duration.ofMillis(1500))
                .withBreaker(3, Duration.ofSeconds(2))
                .withKeepaliveInterval(null);
    }

    static Sentence addToList(String list, String address, String comment) {
        return Sentence.of("/ip/firewall/address-list/add").with("list", list).with("address", address)
                .with("comment", comment);
    }

    /** 10.x.y.z from an index, so many distinct entries can be added. */
    static String address(int index) {
        return "10." + ((index >> 16) & 0xFF) + "." + ((index >> 8) & 0xFF) + "." + (index & 0xFF);
    }

    static List<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("routeros-"))
                .toList();
    }

    /** After close, every client thread is gone within a moment. */
    static void assertNoClientThreadsSoon() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!clientThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(clientThreads()).extracting(Thread::getName).isEmpty();
    }

    /** CPU time used by the client's threads over an idle period: a spinning thread would burn the whole period. */
    static Duration clientCpuDuring(Duration idle) throws InterruptedException {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Map<Long, Long> before = clientThreads().stream()
                .collect(Collectors.toMap(Thread::getId, thread -> Math.max(0, bean.getThreadCpuTime(thread.getId()))));
        Thread.sleep(idle.toMillis());
        long used = 0;
        for (Map.Entry<Long, Long> entry : before.entrySet()) {
            long now = bean.getThreadCpuTime(entry.getKey());
            if (now > 0) {
                used += now - entry.getValue();
            }
        }
        return Duration.ofNanos(used);
    }
}
