package io.routerbridge.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.routerbridge.app.Application;
import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.ForbiddenException;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.errors.NotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one exception mapper, on a real Javalin server, for the failures JSON endpoints will raise. */
class ErrorMapperTest {
    record Pool(String name, int size) {
    }

    private static Javalin app;
    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Application.jsonMapper(), false));
            config.router.apiBuilder(() -> {
                post("/pools", ctx -> ctx.json(ctx.bodyAsClass(Pool.class)));
                get("/pools/{id}", ctx -> {
                    int id = ctx.pathParamAsClass("id", Integer.class).get();
                    throw new NotFoundException("pool " + id + " does not exist", "id");
                });
                get("/forbidden", ctx -> {
                    throw new ForbiddenException("service 5 belongs to another client");
                });
            });
        });
        new ErrorMapper().register(app);
        app.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void malformedJsonIs400WithoutQuotingTheBody() throws Exception {
        HttpResponse<String> response = send("/pools", "{\"name\": \"secret-ish");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"request body is not valid JSON (line 1")
                .doesNotContain("secret-ish");
    }

    @Test
    void wrongShapeIs400NamingTheField() throws Exception {
        HttpResponse<String> response = send("/pools", "{\"name\": \"a\", \"size\": \"big\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("request body does not have the expected shape").contains("\"field\":\"size\"");
    }

    @Test
    void wellFormedBodyPasses() throws Exception {
        HttpResponse<String> response = send("/pools", "{\"name\": \"a\", \"size\": 3}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"name\":\"a\",\"size\":3}");
    }

    @Test
    void domainAndValidationFailuresKeepTheirStatus() throws Exception {
        assertThat(fetch("/pools/7").body()).isEqualTo("{\"error\":\"pool 7 does not exist\",\"field\":\"id\"}");
        assertThat(fetch("/pools/7").statusCode()).isEqualTo(404);
        assertThat(fetch("/forbidden").statusCode()).isEqualTo(403);
        HttpResponse<String> invalid = fetch("/pools/abc");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).isEqualTo("{\"error\":\"id is not valid: type conversion failed\",\"field\":\"id\"}");
    }

    static class CapabilityException extends RuntimeException {
        CapabilityException(String message) {
            super(message);
        }
    }

    static final class NotConfiguredException extends CapabilityException {
        NotConfiguredException(String message) {
            super(message);
        }
    }

    @Test
    void theMostSpecificTranslationAnswersWhenTheGeneralOneIsRegisteredFirst() {
        ErrorMapper errors = new ErrorMapper();
        errors.translate(CapabilityException.class, e -> new InvalidInputException("general: " + e.getMessage()));
        errors.translate(NotConfiguredException.class, e -> new ConflictException("specific: " + e.getMessage()));
        assertEachAnsweredByItsOwnTranslation(errors);
    }

    @Test
    void theMostSpecificTranslationAnswersWhenTheSpecificOneIsRegisteredFirst() {
        ErrorMapper errors = new ErrorMapper();
        errors.translate(NotConfiguredException.class, e -> new ConflictException("specific: " + e.getMessage()));
        errors.translate(CapabilityException.class, e -> new InvalidInputException("general: " + e.getMessage()));
        assertEachAnsweredByItsOwnTranslation(errors);
    }

    private static void assertEachAnsweredByItsOwnTranslation(ErrorMapper errors) {
        assertThat(errors.translated(new NotConfiguredException("netbox")))
                .isInstanceOf(ConflictException.class).hasMessage("specific: netbox");
        assertThat(errors.translated(new CapabilityException("pool")))
                .isInstanceOf(InvalidInputException.class).hasMessage("general: pool");
        IllegalStateException unrelated = new IllegalStateException("other");
        assertThat(errors.translated(unrelated)).isSameAs(unrelated);
    }

    private static HttpResponse<String> send(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> fetch(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
