package io.routerbridge.whmcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.app.WhmcsChannelModule;
import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.UnavailableException;
import io.routerbridge.testsupport.LogCapture;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dispatch of signed module calls and hooks, and the error answers of the one exception mapper. */
class ModuleDispatchTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(db, services -> {
            ModuleFunctions functions = services.module(WhmcsChannelModule.class).moduleFunctions();
            functions.register("CreateAccount", params -> ModuleResult.success()
                    .with("dedicatedip", "192.0.2." + params.serviceId())
                    .with("wan", params.configOption(2))
                    .with("secure", params.serverSecure())
                    .with("vlan", params.customField("VLAN").orElse("none")));
            functions.register("Conflicting", params -> {
                throw new ConflictException("pool exhausted", "poolId");
            });
            functions.register("RouterDown", params -> {
                throw new UnavailableException("router 10.0.0.1 does not answer");
            });
            functions.register("Broken", params -> {
                throw new IllegalStateException("bug with secret-in-exception-text");
            });
            services.module(WhmcsChannelModule.class).hooks().register("AfterCronJob", vars -> ModuleResult.success().with("keys", vars.toJson().size()));
            services.module(WhmcsChannelModule.class).hooks().register("PreModuleCreate", vars -> ModuleResult.success()
                    .with("serviceid", vars.params().serviceId()));
        });
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void moduleFunctionGetsTypedParams() {
        HttpResponse<String> response = service.callModule("CreateAccount", Map.of(
                "serviceid", "17", "configoption2", "ether1", "serversecure", "on",
                "customfields", Map.of("VLAN", "100"), "configoptions", List.of()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(service.json(response).toString()).isEqualTo(
                "{\"result\":\"success\",\"dedicatedip\":\"192.0.2.17\",\"wan\":\"ether1\",\"secure\":true,\"vlan\":\"100\"}");
    }

    @Test
    void unknownFunctionIs404NamingWhatExists() {
        HttpResponse<String> response = service.callModule("Reboot", Map.of("serviceid", 1));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(service.json(response).get("error").asText())
                .isEqualTo("unknown module function 'Reboot'; supported: Broken, Conflicting, CreateAccount, RouterDown");
    }

    @Test
    void unknownHookIs404() {
        HttpResponse<String> response = service.callHook("ClientEdit", Map.of());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(service.json(response).get("error").asText()).startsWith("unknown hook 'ClientEdit'");
    }

    @Test
    void hooksAcceptPhpsEmptyArrayAndWrappedParams() {
        HttpResponse<String> cron = service.callHook("AfterCronJob", "[]");
        assertThat(cron.statusCode()).as(cron.body()).isEqualTo(200);
        assertThat(service.json(cron).get("keys").asInt()).isZero();

        HttpResponse<String> pre = service.callHook("PreModuleCreate", Map.of("params", Map.of("serviceid", 9)));
        assertThat(service.json(pre).get("serviceid").asInt()).isEqualTo(9);
    }

    @Test
    void missingOrInvalidParamIs400NamingTheField() {
        HttpResponse<String> missing = service.callModule("CreateAccount", Map.of("domain", "x"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(service.json(missing).get("error").asText()).isEqualTo("serviceid is missing");
        assertThat(service.json(missing).get("field").asText()).isEqualTo("serviceid");

        HttpResponse<String> invalid = service.callModule("CreateAccount", Map.of("serviceid", "abc"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(service.json(invalid).get("error").asText()).isEqualTo("serviceid must be a whole number");
    }

    @Test
    void badJsonIs400WithoutEchoingTheBody() {
        HttpResponse<String> response = service.signedPost("/whmcs/v1/module/CreateAccount", "{\"password\": \"hunter2");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(service.json(response).get("error").asText()).startsWith("request body is not valid JSON")
                .doesNotContain("hunter2");
    }

    @Test
    void nonObjectBodyIs400() {
        HttpResponse<String> response = service.signedPost("/whmcs/v1/module/CreateAccount", "[1,2]");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(service.json(response).get("error").asText()).isEqualTo("request body must be a JSON object");
    }

    @Test
    void domainExceptionsMapToTheirStatus() {
        HttpResponse<String> conflict = service.callModule("Conflicting", Map.of());
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(service.json(conflict).toString()).isEqualTo("{\"error\":\"pool exhausted\",\"field\":\"poolId\"}");

        HttpResponse<String> down = service.callModule("RouterDown", Map.of());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(service.json(down).get("error").asText()).isEqualTo("router 10.0.0.1 does not answer");
    }

    @Test
    void unexpectedExceptionIs500LoggedWithMethodAndPathOnly() {
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> response = service.callModule("Broken", Map.of("password", "body-secret-77"));

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(service.json(response).toString()).isEqualTo("{\"error\":\"internal error\"}");
            assertThat(logs.lines()).anySatisfy(line ->
                    assertThat(line).contains("unexpected error on POST /whmcs/v1/module/Broken"));
            logs.assertNoLineContains("body-secret-77");
        }
    }

    @Test
    void unmatchedRouteOutsideTheChannelIsJson404() {
        HttpResponse<String> response = service.get("/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(service.json(response).get("error").asText()).contains("not found");
    }

    @Test
    void registeringANameTwiceIsRefused() {
        assertThatThrownBy(() -> service.app().module(WhmcsChannelModule.class).moduleFunctions().register("CreateAccount",
                params -> ModuleResult.success()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("module function CreateAccount is already registered");
    }
}
