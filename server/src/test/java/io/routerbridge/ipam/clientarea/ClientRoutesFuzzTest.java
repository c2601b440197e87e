package io.routerbridge.ipam.clientarea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.AllocationRepository;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.IpAllocator;
import io.routerbridge.ipam.IpamModule;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.actionlog.LogFilter;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.http.HttpResponse;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Signed requests to the client routes with any ids and methods: a clear 4xx or a 200, never a 500; a
 * service's address is shown to and unassigned by its owner only.
 */
class ClientRoutesFuzzTest {
    private static TestDatabase db;
    private static TestService service;
    private static Assignment held;
    private static Assignment heldBy21;

    @BeforeContainer
    static void start() {
        db = new TestDatabase().start();
        service = TestService.start(db);
        db.execute("""
                INSERT INTO tblhosting (id, userid, domainstatus, dedicatedip, assignedips) VALUES
                (7, 20, 'Active', '', ''), (8, 21, 'Active', '', '');
                """);
        long subnet = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("192.0.2.0/24")).id();
        long pool = new PoolService(new PoolRepository(db.dsl())).create(NewPool.addresses("fuzz", subnet)).id();
        IpAllocator allocator = new IpAllocator(new AllocationRepository(db.dsl()));
        held = allocator.allocate(pool, 7);
        heldBy21 = allocator.allocate(pool, 8);
    }

    @AfterContainer
    static void stop() {
        try {
            for (long[] serviceAndOwner : new long[][] {{7, 20}, {8, 21}}) {
                assertThat(service.app().module(IpamModule.class).actionLog().find(new LogFilter(null, serviceAndOwner[0], null, null, null,
                        null, null, 1000))).allSatisfy(entry ->
                        assertThat(entry.actor()).isEqualTo(Actor.client(serviceAndOwner[1])));
            }
        } finally {
            service.close();
            db.close();
        }
    }

    @Property(tries = 300)
    void anyIdsGetAClearAnswer(@ForAll("methods") String method, @ForAll("ids") String clientId,
                               @ForAll("ids") String serviceId, @ForAll("ids") String assignmentId,
                               @ForAll("shapes") int shape) {
        String path = switch (shape) {
            case 0 -> "/whmcs/v1/client/" + clientId + "/ips";
            case 1 -> "/whmcs/v1/client/" + clientId + "/services/" + serviceId + "/ips";
            default -> "/whmcs/v1/client/" + clientId + "/services/" + serviceId + "/ips/" + assignmentId;
        };
        HttpResponse<String> response = service.send(method, path, null,
                service.signatureHeaders(method, path, "", Instant.now()));

        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body())
                .isIn(200, 400, 403, 404, 405, 409);
        JsonNode answer = service.json(response);
        if (response.statusCode() == 200) {
            assertThat(answer.path("result").asText()).isEqualTo("success");
        } else {
            assertThat(answer.path("error").asText()).isNotBlank();
        }
        if (!clientId.equals("20")) {
            assertThat(response.body()).doesNotContain(held.address());
        }
        if (!clientId.equals("21")) {
            assertThat(response.body()).doesNotContain(heldBy21.address());
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "DELETE", "POST", "PUT");
    }

    @Provide
    Arbitrary<Integer> shapes() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.of("7", "8", "20", "21", "0", "-1", "007", "2147483647", "2147483648",
                        "9223372036854775807", "9223372036854775808", "99999999999999999999", "1e3", "%20", "7%2F8"),
                Arbitraries.longs().between(1, 30).map(String::valueOf),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '.').ofMinLength(1).ofMaxLength(8)
                        .filter(s -> !s.equals(".") && !s.equals("..")));
    }
}
