package io.routerbridge.ipam.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.api.ApiTestClient;
import java.net.http.HttpResponse;

/** Assertions on the REST API's error answers. */
final class ApiAnswers {
    private ApiAnswers() {
    }

    /** The answer is {@code status} with a non-empty error naming {@code field} (when not null). */
    static void assertError(ApiTestClient api, HttpResponse<String> answer, int status, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode body = api.json(answer);
        assertThat(body.path("error").asText()).as(answer.body()).isNotBlank();
        if (field != null) {
            assertThat(body.path("field").asText()).as(answer.body()).isEqualTo(field);
        }
    }
}
