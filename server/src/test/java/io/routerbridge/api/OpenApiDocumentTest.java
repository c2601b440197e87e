package io.routerbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.routerbridge.api.web.OpenApiDocument;
import io.routerbridge.api.web.RestApi;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAPI document describes exactly the routes the app registers under /api/v1. */
class OpenApiDocumentTest {
    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);
    private static final Set<String> DOCUMENT_METHODS = Set.of("get", "post", "put", "patch", "delete");

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void documentedOperationsAreExactlyTheRegisteredRoutes() throws IOException {
        try (TestService service = TestService.start(db)) {
            Javalin app = service.app().httpApp().create();
            Set<String> registered = new TreeSet<>();
            app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                    .map(handler -> handler.getEndpoint())
                    .filter(endpoint -> HTTP_METHODS.contains(endpoint.getMethod()))
                    .filter(endpoint -> endpoint.getPath().startsWith(RestApi.BASE_PATH + "/"))
                    .forEach(endpoint -> registered.add(endpoint.getMethod().name() + " " + endpoint.getPath()));

            JsonNode document = new ObjectMapper().readTree(OpenApiDocument.load().bytes());
            Set<String> documented = new TreeSet<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                    method -> {
                        if (DOCUMENT_METHODS.contains(method)) {
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                        }
                    }));

            assertThat(registered).contains("GET /api/v1/subnets", "DELETE /api/v1/assignments/{id}");
            assertThat(documented).isEqualTo(registered);
        }
    }

    @Test
    void everyOperationIsCompleteAndEveryReferenceResolves() throws IOException {
        JsonNode document = new ObjectMapper().readTree(OpenApiDocument.load().bytes());
        assertThat(document.path("openapi").asText()).startsWith("3.0");
        List<String> problems = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            Set<String> declaredParameters = new TreeSet<>();
            Matcher names = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            Set<String> templateParameters = new TreeSet<>();
            while (names.find()) {
                templateParameters.add(names.group(1));
            }
            for (JsonNode parameter : path.getValue().path("parameters")) {
                JsonNode resolved = resolve(document, parameter);
                if ("path".equals(resolved.path("in").asText())) {
                    declaredParameters.add(resolved.path("name").asText());
                }
            }
            if (!declaredParameters.equals(templateParameters)) {
                problems.add(path.getKey() + ": path parameters " + declaredParameters + " vs " + templateParameters);
            }
            path.getValue().fields().forEachRemaining(operation -> {
                if (!DOCUMENT_METHODS.contains(operation.getKey())) {
                    return;
                }
                String where = operation.getKey() + " " + path.getKey();
                JsonNode responses = operation.getValue().path("responses");
                if (operation.getValue().path("operationId").asText().isEmpty() || responses.isEmpty()) {
                    problems.add(where + ": operationId and responses are required");
                }
                boolean isPublic = path.getKey().equals(RestApi.OPENAPI_PATH);
                if (!isPublic && !responses.has("401")) {
                    problems.add(where + ": no 401 answer documented");
                }
            });
        });
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        for (String reference : references) {
            if (resolve(document, document.at(reference.substring(1))).isMissingNode()) {
                problems.add("unresolved " + reference);
            }
        }
        assertThat(references).isNotEmpty();
        assertThat(problems).isEmpty();
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? document.at(ref.asText().substring(1)) : node;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectReferences(child, references));
    }
}
