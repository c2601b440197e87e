package io.routerbridge.whmcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.app.WhmcsChannelModule;
import io.routerbridge.config.Secret;
import io.routerbridge.crypto.RequestSigner;
import io.routerbridge.testsupport.LogCapture;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The signed channel over real HTTP and a real MariaDB: only a correctly signed, fresh, unseen request passes. */
class SignedChannelTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final String PATH = "/whmcs/v1/module/Echo";
    private static final String BODY = "{\"serviceid\":42,\"password\":\"p!w=\\\"x'\"}";
    private static final List<Integer> served = new CopyOnWriteArrayList<>();
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(db, services -> services.module(WhmcsChannelModule.class).moduleFunctions().register("Echo", params -> {
            served.add(params.serviceId());
            return ModuleResult.success().with("serviceid", params.serviceId());
        }));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aValidSignatureReachesTheDispatcher() {
        int before = served.size();
        HttpResponse<String> response = service.signedPost(PATH, BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(service.json(response).get("result").asText()).isEqualTo("success");
        assertThat(service.json(response).get("serviceid").asInt()).isEqualTo(42);
        assertThat(served.size()).isEqualTo(before + 1);
    }

    @Test
    void unsignedIsRefused() {
        assertRefused(service.send("POST", PATH, BODY, Map.of()), "unsigned request");
    }

    @Test
    void eachMissingHeaderIsRefused() {
        for (String header : List.of(RequestSigner.TIMESTAMP_HEADER, RequestSigner.NONCE_HEADER,
                RequestSigner.SIGNATURE_HEADER)) {
            Map<String, String> headers = new HashMap<>(service.signatureHeaders("POST", PATH, BODY, Instant.now()));
            headers.remove(header);
            assertRefused(service.send("POST", PATH, BODY, headers), header);
        }
    }

    @Test
    void malformedHeadersAreRefused() {
        Map<String, String> headers = new HashMap<>(service.signatureHeaders("POST", PATH, BODY, Instant.now()));
        headers.put(RequestSigner.NONCE_HEADER, "NOT-HEX-NONCE-0123456789abcdefgh");
        assertRefused(service.send("POST", PATH, BODY, headers), "malformed header X-RB-Nonce");
    }

    @Test
    void staleIsRefused() {
        Instant signedAt = Instant.now().minusSeconds(SignatureVerifier.WINDOW.toSeconds() + 5);
        assertRefused(service.send("POST", PATH, BODY, service.signatureHeaders("POST", PATH, BODY, signedAt)),
                "away from the service clock");
    }

    @Test
    void futureIsRefused() {
        Instant signedAt = Instant.now().plusSeconds(SignatureVerifier.WINDOW.toSeconds() + 5);
        assertRefused(service.send("POST", PATH, BODY, service.signatureHeaders("POST", PATH, BODY, signedAt)),
                "away from the service clock");
    }

    @Test
    void slightlySkewedClocksAreAccepted() {
        Instant signedAt = Instant.now().minusSeconds(SignatureVerifier.WINDOW.toSeconds() - 20);
        HttpResponse<String> response = service.send("POST", PATH, BODY,
                service.signatureHeaders("POST", PATH, BODY, signedAt));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void replayIsRefusedAndTheNonceIsStored() {
        Map<String, String> headers = service.signatureHeaders("POST", PATH, BODY, Instant.now());
        assertThat(service.send("POST", PATH, BODY, headers).statusCode()).isEqualTo(200);
        int before = served.size();

        assertRefused(service.send("POST", PATH, BODY, headers), "replay");
        assertThat(served.size()).isEqualTo(before);
        assertThat(new NonceRepository(db.dsl()).contains(headers.get(RequestSigner.NONCE_HEADER))).isTrue();
    }

    @Test
    void tamperedBodyIsRefused() {
        Map<String, String> headers = service.signatureHeaders("POST", PATH, BODY, Instant.now());
        assertRefused(service.send("POST", PATH, BODY.replace("42", "43"), headers), "signature does not match");
    }

    @Test
    void tamperedPathIsRefused() {
        service.app().module(WhmcsChannelModule.class).moduleFunctions().find("Echo2").ifPresentOrElse(h -> { },
                () -> service.app().module(WhmcsChannelModule.class).moduleFunctions().register("Echo2", p -> ModuleResult.success()));
        Map<String, String> headers = service.signatureHeaders("POST", PATH, BODY, Instant.now());
        assertRefused(service.send("POST", PATH + "2", BODY, headers), "signature does not match");
        Map<String, String> withQuery = service.signatureHeaders("POST", PATH, BODY, Instant.now());
        assertRefused(service.send("POST", PATH + "?serviceid=1", BODY, withQuery), "signature does not match");
    }

    @Test
    void tamperedMethodIsRefused() {
        Map<String, String> headers = service.signatureHeaders("PUT", PATH, BODY, Instant.now());
        assertRefused(service.send("POST", PATH, BODY, headers), "signature does not match");
    }

    @Test
    void wrongSecretIsRefused() {
        RequestSigner other = new RequestSigner(new Secret("another-secret-of-enough-length-0123456789"));
        Map<String, String> headers = other.headersFor("POST", PATH, BODY.getBytes(StandardCharsets.UTF_8),
                Instant.now());
        assertRefused(service.send("POST", PATH, BODY, headers), "signature does not match");
    }

    @Test
    void refusedRequestsDoNotReachHandlersEvenOnUnknownPaths() {
        assertRefused(service.send("POST", "/whmcs/v1/anything", BODY, Map.of()), "unsigned request");
    }

    @Test
    void expiredNoncesArePurgedAndRecentOnesKept() {
        NonceRepository nonces = new NonceRepository(db.dsl());
        String old = RequestSigner.newNonce();
        String recent = RequestSigner.newNonce();
        nonces.remember(old, Instant.now().minus(SignatureVerifier.NONCE_RETENTION).minusSeconds(5));
        nonces.remember(recent, Instant.now().minusSeconds(SignatureVerifier.WINDOW.toSeconds()));

        int purged = service.app().module(WhmcsChannelModule.class).signatureVerifier().purgeExpiredNonces();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(nonces.contains(old)).isFalse();
        assertThat(nonces.contains(recent)).isTrue();
    }

    @Test
    void theSecretAndTheBodyNeverReachTheLogs() {
        try (LogCapture logs = LogCapture.start()) {
            service.signedPost(PATH, BODY);
            service.send("POST", PATH, BODY, Map.of());
            service.signedPost("/whmcs/v1/module/Unknown", BODY);
            service.signedPost(PATH, "{not json p!w=");
            logs.assertNoLineContains(service.sharedSecret(), "p!w=");
        }
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(service.json(response).get("error").asText()).contains(reason);
    }
}
