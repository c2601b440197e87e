package io.routerbridge.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.app.Application;
import io.routerbridge.app.WhmcsChannelModule;
import io.routerbridge.app.http.RunningHttp;
import io.routerbridge.config.MasterKeys;
import io.routerbridge.config.Secret;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.crypto.RequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real HTTP service running in-process on an ephemeral loopback port against a
 * {@link TestDatabase}, with a client that signs requests exactly as the PHP module does.
 *
 * <pre>
 * &#64;RegisterExtension static final TestDatabase db = new TestDatabase();
 * try (TestService service = TestService.start(db, s -> s.module(WhmcsChannelModule.class).moduleFunctions().register("X", p -> ...))) {
 *     HttpResponse&lt;String&gt; answer = service.callModule("CreateAccount", Map.of("serviceid", 42));
 * }
 * </pre>
 */
public final class TestService implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Application app;
    private final RunningHttp http;
    private final Secret sharedSecret;
    private final RequestSigner signer;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestService(Application app, RunningHttp http, Secret sharedSecret) {
        this.app = app;
        this.http = http;
        this.sharedSecret = sharedSecret;
        this.signer = new RequestSigner(sharedSecret);
    }

    /** The whole service, as {@code serve} runs it (without background passes). */
    public static TestService start(TestDatabase db) {
        return start(db, true, app -> { });
    }

    /**
     * The service without any module's WHMCS functions and hooks: {@code setup} registers its own before the server
     * accepts requests.
     */
    public static TestService start(TestDatabase db, Consumer<Application> setup) {
        return start(db, false, setup);
    }

    /**
     * The whole service with the given configuration (e.g. chosen master keys or shared secrets); its client signs
     * with the configuration's current shared secret. See {@link #randomConfig} for the usual one.
     */
    public static TestService start(TestDatabase db, ServiceConfig config) {
        return start(db, config, true, app -> { });
    }

    /** A configuration for {@code db} with a random shared secret and a random master key. */
    public static ServiceConfig randomConfig(TestDatabase db) {
        db.start();
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        Secret sharedSecret = new Secret(Base64.getEncoder().encodeToString(secret));
        return new ServiceConfig(db.databaseConfig(), "127.0.0.1", 0, sharedSecret, MasterKeys.of(randomMasterKey()));
    }

    public static byte[] randomMasterKey() {
        byte[] masterKey = new byte[MasterKeys.KEY_BYTES];
        RANDOM.nextBytes(masterKey);
        return masterKey;
    }

    private static TestService start(TestDatabase db, boolean whmcsHandlers, Consumer<Application> setup) {
        return start(db, randomConfig(db), whmcsHandlers, setup);
    }

    private static TestService start(TestDatabase db, ServiceConfig config, boolean whmcsHandlers,
                                     Consumer<Application> setup) {
        db.start();
        Application app = whmcsHandlers ? Application.using(config, db.dataSource(), Clock.systemUTC())
                : Application.withoutWhmcsHandlers(config, db.dataSource(), Clock.systemUTC());
        try {
            setup.accept(app);
            RunningHttp http = app.httpApp().start("127.0.0.1", 0);
            return new TestService(app, http, config.sharedSecret());
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    public Application app() {
        return app;
    }

    public int port() {
        return http.port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public String sharedSecret() {
        return sharedSecret.reveal();
    }

    public RequestSigner signer() {
        return signer;
    }

    /** POST /whmcs/v1/module/{function} with the params serialised as JSON, signed now. */
    public HttpResponse<String> callModule(String function, Object params) {
        return signedPost("/whmcs/v1/module/" + function, toJson(params));
    }

    /** POST /whmcs/v1/hook/{hook} with the vars serialised as JSON, signed now. */
    public HttpResponse<String> callHook(String hook, Object vars) {
        return signedPost("/whmcs/v1/hook/" + hook, toJson(vars));
    }

    public HttpResponse<String> signedPost(String pathAndQuery, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send("POST", pathAndQuery, body, signer.headersFor("POST", pathAndQuery, bytes, Instant.now()));
    }

    /** The signature headers for a request, signed with this service's secret at the given time. */
    public Map<String, String> signatureHeaders(String method, String pathAndQuery, String body, Instant at) {
        return signer.headersFor(method, pathAndQuery, body.getBytes(StandardCharsets.UTF_8), at);
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, Map.of());
    }

    /** Any request, exactly as given (for tampering and unsigned requests). */
    public HttpResponse<String> send(String method, String pathAndQuery, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json(HttpResponse<String> response) {
        try {
            return app.json().readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("answer is not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    public String toJson(Object value) {
        if (value instanceof String text) {
            return text;
        }
        try {
            return app.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        http.close();
        app.close();
    }
}
