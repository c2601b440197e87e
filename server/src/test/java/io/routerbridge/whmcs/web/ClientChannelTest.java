package io.routerbridge.whmcs.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.routerbridge.http.ErrorMapper;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.whmcs.client.ClientServiceRepository;
import io.routerbridge.whmcs.client.OwnedService;
import io.routerbridge.whmcs.client.ServiceOwnership;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client channel on its own (without the signature check, which SignedChannelTest covers): a capability's
 * service routes, at any depth, only ever run for the client's own services.
 */
class ClientChannelTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final List<String> handled = new CopyOnWriteArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static Javalin app;

    /** Stands in for a later capability (VPN users, port forwards). */
    private static final class ProbeRoutes implements ClientRoutes {
        @Override
        public void addClientRoutes() {
            get("/whoami", ctx -> ctx.result("client " + ClientChannel.clientId(ctx)));
        }

        @Override
        public void addServiceRoutes() {
            get("/probe", ctx -> handle(ctx.method() + " probe", ClientChannel.ownedService(ctx)));
            post("/vpn-users/{name}/reset", ctx -> handle("reset " + ctx.pathParam("name"),
                    ClientChannel.ownedService(ctx)));
        }

        private static void handle(String what, OwnedService service) {
            handled.add(what + " " + service);
        }
    }

    @BeforeAll
    static void start() {
        db.start();
        db.execute("""
                DELETE FROM tblhosting;
                INSERT INTO tblhosting (id, userid, domainstatus, dedicatedip, assignedips) VALUES
                (5, 1, 'Active', '', ''), (56, 2, 'Active', '', '');
                """);
        ClientChannel channel = new ClientChannel(new ServiceOwnership(new ClientServiceRepository(db.dsl())),
                List.of(new ProbeRoutes()));
        app = Javalin.create(config -> config.router.apiBuilder(() ->
                path("/whmcs" + ClientChannel.PATH, channel::addRoutes)));
        new ErrorMapper().register(app);
        app.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void serviceRoutesRunForTheOwnerOnly() throws Exception {
        assertThat(send("GET", "/whmcs/v1/client/1/services/5/probe").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/whmcs/v1/client/2/services/56/vpn-users/alice/reset").statusCode()).isEqualTo(200);
        assertThat(handled).containsExactly("GET probe service 5 of client 1", "reset alice service 56 of client 2");

        for (String foreign : List.of("/whmcs/v1/client/2/services/5/probe", "/whmcs/v1/client/1/services/56/probe",
                "/whmcs/v1/client/1/services/7/probe")) {
            HttpResponse<String> refused = send("GET", foreign);
            assertThat(refused.statusCode()).as(foreign).isEqualTo(404);
            assertThat(refused.body()).contains(ServiceOwnership.NO_SUCH_SERVICE);
        }
        assertThat(send("POST", "/whmcs/v1/client/1/services/56/vpn-users/alice/reset").statusCode()).isEqualTo(404);
        assertThat(handled).hasSize(2);
    }

    @Test
    void clientRoutesSeeTheClientOfThePath() throws Exception {
        assertThat(send("GET", "/whmcs/v1/client/42/whoami").body()).isEqualTo("client 42");
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
