package io.routerbridge.whmcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.config.MasterKeys;
import io.routerbridge.config.Secret;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.crypto.RequestSigner;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented rotation of the secret shared with the PHP module, with WHMCS calling all along: the service is
 * restarted with old and new secret accepted, the addon setting is switched to the new secret, the service is
 * restarted with the new one only. Each restart is a second instance on the same database taking over before the
 * first stops, so a failed call could only come from the secrets.
 */
class SharedSecretRotationTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final String PATH = "/whmcs/v1/client/7/ips";
    private static final int CALLERS = 2;
    private static final int CALLS_PER_STEP = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The PHP module's side: the addon's secret setting, read at every call, and the service it points at. */
    private final AtomicReference<Secret> addonSecret = new AtomicReference<>();
    private final AtomicReference<TestService> target = new AtomicReference<>();
    private final AtomicBoolean calling = new AtomicBoolean(true);
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> acceptedBy = new ConcurrentHashMap<>();
    private volatile String step = "old only";

    @Test
    void callsNeverFailWhileTheSecretIsRotated() throws Exception {
        Secret oldSecret = randomSecret();
        Secret newSecret = randomSecret();
        byte[] masterKey = TestService.randomMasterKey();
        addonSecret.set(oldSecret);
        target.set(TestService.start(db, config(oldSecret, Optional.empty(), masterKey)));
        List<Caller> callers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            Caller caller = new Caller();
            callers.add(caller);
            Thread thread = new Thread(caller, "whmcs-caller-" + i);
            thread.start();
            threads.add(thread);
        }
        try {
            awaitCalls(callers, "old only");

            // 1. The service restarts with current = new, previous = old.
            switchService(config(newSecret, Optional.of(oldSecret), masterKey), callers);
            awaitCalls(callers, "new + previous old, addon still old");

            // 2. The admin saves the new secret in the addon settings.
            addonSecret.set(newSecret);
            awaitCalls(callers, "new + previous old, addon new");

            // 3. The previous secret is dropped: restart with the new one alone.
            switchService(config(newSecret, Optional.empty(), masterKey), callers);
            awaitCalls(callers, "new only");
        } finally {
            calling.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
        TestService last = target.get();
        try {
            assertThat(failures).as("failed calls out of " + calls.get()).isEmpty();
            assertThat(acceptedBy.get(key(oldSecret, "new + previous old, addon still old")).get())
                    .as("calls signed with the old secret accepted beside the new one").isGreaterThanOrEqualTo(CALLS_PER_STEP);
            assertThat(acceptedBy.get(key(newSecret, "new + previous old, addon new")).get())
                    .isGreaterThanOrEqualTo(CALLS_PER_STEP);

            HttpResponse<String> withOld = call(last, oldSecret, Instant.now(), RequestSigner.newNonce());
            assertThat(withOld.statusCode()).as("the dropped secret is refused: " + withOld.body()).isEqualTo(401);
            assertThat(withOld.body()).contains("signature does not match");
        } finally {
            last.close();
        }
    }

    @Test
    void withTwoSecretsANonceIsStillUsedOnceWhicheverSecretSignsIt() {
        Secret oldSecret = randomSecret();
        Secret newSecret = randomSecret();
        try (TestService service = TestService.start(db, config(newSecret, Optional.of(oldSecret),
                TestService.randomMasterKey()))) {
            Instant now = Instant.now();
            String nonce = RequestSigner.newNonce();
            assertThat(call(service, oldSecret, now, nonce).statusCode()).isEqualTo(200);

            HttpResponse<String> replay = call(service, oldSecret, now, nonce);
            HttpResponse<String> replayUnderTheOtherSecret = call(service, newSecret, now, nonce);

            assertThat(replay.statusCode()).isEqualTo(401);
            assertThat(replay.body()).contains("nonce already used");
            assertThat(replayUnderTheOtherSecret.statusCode()).isEqualTo(401);
            assertThat(replayUnderTheOtherSecret.body()).contains("nonce already used");
            HttpResponse<String> stranger = call(service, randomSecret(), now, RequestSigner.newNonce());
            assertThat(stranger.statusCode()).isEqualTo(401);
            assertThat(stranger.body()).contains("signature does not match");
            assertThat(call(service, newSecret, now, RequestSigner.newNonce()).statusCode()).isEqualTo(200);
        }
    }

    /** One WHMCS worker calling the service in a loop, signing each call with the addon's secret of the moment. */
    private final class Caller implements Runnable {
        private volatile TestService lastServed;
        private final AtomicInteger done = new AtomicInteger();

        @Override
        public void run() {
            while (calling.get()) {
                TestService service = target.get();
                Secret secret = addonSecret.get();
                String step = SharedSecretRotationTest.this.step;
                try {
                    HttpResponse<String> answer = call(service, secret, Instant.now(), RequestSigner.newNonce());
                    if (answer.statusCode() == 200) {
                        acceptedBy.computeIfAbsent(key(secret, step), k -> new AtomicInteger()).incrementAndGet();
                    } else {
                        failures.add(step + ": HTTP " + answer.statusCode() + " " + answer.body());
                    }
                } catch (RuntimeException e) {
                    failures.add(step + ": " + e);
                }
                calls.incrementAndGet();
                lastServed = service;
                done.incrementAndGet();
            }
        }
    }

    /** Starts the next instance, points WHMCS at it, and stops the previous one once no call is on its way there. */
    private void switchService(ServiceConfig next, List<Caller> callers) throws InterruptedException {
        TestService previous = target.get();
        TestService started = TestService.start(db, next);
        target.set(started);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (callers.stream().anyMatch(caller -> caller.lastServed != started)) {
            assertThat(System.nanoTime()).as("callers moved to the new instance").isLessThan(deadline);
            Thread.sleep(5);
        }
        previous.close();
    }

    private void awaitCalls(List<Caller> callers, String name) throws InterruptedException {
        step = name;
        List<Integer> start = callers.stream().map(caller -> caller.done.get()).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < callers.size(); i++) {
            while (callers.get(i).done.get() - start.get(i) < CALLS_PER_STEP) {
                assertThat(System.nanoTime()).as("calls in step " + name).isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }

    private static HttpResponse<String> call(TestService service, Secret secret, Instant at, String nonce) {
        String timestamp = Long.toString(at.getEpochSecond());
        String signature = new RequestSigner(secret).sign("GET", PATH, timestamp, nonce, new byte[0]);
        return service.send("GET", PATH, null, Map.of(RequestSigner.TIMESTAMP_HEADER, timestamp,
                RequestSigner.NONCE_HEADER, nonce, RequestSigner.SIGNATURE_HEADER, signature));
    }

    private static ServiceConfig config(Secret current, Optional<Secret> previous, byte[] masterKey) {
        return new ServiceConfig(db.databaseConfig(), "127.0.0.1", 0, current, previous, MasterKeys.of(masterKey));
    }

    private static String key(Secret secret, String step) {
        return RequestSigner.sha256Hex(secret.reveal().getBytes(StandardCharsets.UTF_8)) + " " + step;
    }

    private static Secret randomSecret() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return new Secret(Base64.getEncoder().encodeToString(bytes));
    }
}
