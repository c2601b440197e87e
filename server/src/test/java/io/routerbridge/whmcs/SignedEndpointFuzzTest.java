package io.routerbridge.whmcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.app.WhmcsChannelModule;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever a signed caller sends, the channel answers 200 or a clear 4xx, never a 500. */
class SignedEndpointFuzzTest {
    private static TestDatabase db;
    private static TestService service;

    @BeforeContainer
    static void start() {
        db = new TestDatabase().start();
        service = TestService.start(db, services -> services.module(WhmcsChannelModule.class).moduleFunctions().register("CreateAccount", params ->
                ModuleResult.success()
                        .with("serviceid", params.serviceId())
                        .with("port", params.serverPort().orElse(0))
                        .with("secure", params.serverSecure())
                        .with("fields", params.customFields().size())
                        .with("option", params.configOption(1))));
    }

    @AfterContainer
    static void stop() {
        service.close();
        db.close();
    }

    @Property(tries = 200)
    void anyBodyGetsAnAnswerWithoutServerError(@ForAll("bodies") String body) {
        HttpResponse<String> response = service.signedPost("/whmcs/v1/module/CreateAccount", body);

        assertThat(response.statusCode()).as(body).isIn(200, 400);
        JsonNode answer = service.json(response);
        if (response.statusCode() == 200) {
            assertThat(answer.get("result").asText()).isEqualTo("success");
        } else {
            assertThat(answer.get("error").asText()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.just((Object) List.of()),
                Arbitraries.just((Object) Map.of("x", 1)));
        Arbitrary<String> keys = Arbitraries.of("serviceid", "serverport", "serversecure", "customfields",
                "configoption1", "configoptions", "domain", "other");
        Arbitrary<String> objects = Arbitraries.maps(keys, scalars).ofMaxSize(6)
                .map(map -> service.toJson(map));
        Arbitrary<String> garbage = Arbitraries.strings().ofMaxLength(40);
        return Arbitraries.oneOf(objects, objects, garbage);
    }
}
