package io.routerbridge.ipam.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.routerbridge.api.ApiTestClient;
import io.routerbridge.testsupport.TestDatabase;
import io.routerbridge.testsupport.TestService;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * SPEC §7: bad input thrown at every JSON endpoint of /api/v1 through the real app and MariaDB never
 * gets a 500, always a 4xx with a non-empty {@code error}, naming the field whenever there is one.
 * The properties together send well over 10,000 requests; the container checks the count.
 */
class RestApiFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final String SEED_SUBNET = "10.200.0.0/16";

    private static TestDatabase db;
    private static TestService service;
    private static ApiTestClient api;
    private static long seedSubnetId;
    private static long seedPoolId;

    /** A JSON body with one bad part, where it goes and the field the answer must name (null: none). */
    record BadRequest(String path, String body, String field) {
    }

    @BeforeContainer
    static void start() {
        db = new TestDatabase().start();
        service = TestService.start(db);
        api = ApiTestClient.withNewKey(service);
        seedSubnetId = api.json(api.post("/api/v1/subnets", Map.of("cidr", SEED_SUBNET, "gateway", "10.200.0.1")))
                .path("id").asLong();
        seedPoolId = api.json(api.post("/api/v1/pools", Map.of("name", "seed", "subnetId", seedSubnetId,
                "range", "10.200.0.0/24"))).path("id").asLong();
        assertThat(seedPoolId).isPositive();
    }

    @AfterContainer
    static void stop() {
        int subnets = api.json(api.get("/api/v1/subnets")).size();
        int pools = api.json(api.get("/api/v1/pools")).size();
        int assignments = api.json(api.get("/api/v1/assignments")).size();
        service.close();
        db.close();
        System.out.printf("REST fuzzing: %d bad requests, 0 answered outside 4xx%n", REQUESTS.get());
        assertThat(REQUESTS.get()).isGreaterThanOrEqualTo(10_000);
        assertThat(List.of(subnets, pools, assignments)).as("nothing was created by bad input").containsExactly(1, 1, 0);
    }

    @Property(tries = 2700)
    void malformedBodiesAreRejected(@ForAll("postPaths") String path, @ForAll("malformedBodies") String body) {
        assertRejected(api.post(path, body), null);
    }

    @Property(tries = 2500)
    void wrongTypesAreRejectedNamingTheField(@ForAll("wrongTypes") BadRequest request) {
        assertRejected(api.post(request.path(), request.body()), request.field());
    }

    @Property(tries = 2000)
    void invalidValuesAreRejectedNamingTheField(@ForAll("invalidValues") BadRequest request) {
        assertRejected(api.post(request.path(), request.body()), request.field());
    }

    @Property(tries = 1500)
    void unknownFieldsAreRejectedNamingThem(@ForAll("unknownFields") BadRequest request) {
        assertRejected(api.post(request.path(), request.body()), request.field());
    }

    @Property(tries = 1000)
    void badPathIdsAreRejected(@ForAll("resources") String resource, @ForAll("badIds") String id,
                               @ForAll boolean delete) {
        String path = "/api/v1/" + resource + "/" + encode(id);
        assertRejected(delete ? api.delete(path) : api.get(path), "id");
    }

    @Property(tries = 1000)
    void badQueryParametersAreRejected(@ForAll("badQueries") BadRequest request) {
        assertRejected(api.get(request.path()), request.field());
    }

    private static void assertRejected(HttpResponse<String> answer, String field) {
        REQUESTS.incrementAndGet();
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        JsonNode body = api.json(answer);
        assertThat(body.path("error").asText()).as(answer.body()).isNotBlank();
        if (field != null) {
            String named = body.path("field").asText();
            assertThat(named.equals(field) || named.startsWith(field + "[")).as(answer.body() + " names " + field).isTrue();
        }
    }

    // ---- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> postPaths() {
        return Arbitraries.of("/api/v1/subnets", "/api/v1/pools", "/api/v1/assignments");
    }

    @Provide
    Arbitrary<String> resources() {
        return Arbitraries.of("subnets", "pools", "assignments");
    }

    @Provide
    Arbitrary<String> malformedBodies() {
        Arbitrary<String> noise = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60);
        Arbitrary<String> truncated = Combinators.combine(Arbitraries.of(validBodies()), Arbitraries.integers().between(1, 30))
                .as((body, cut) -> body.substring(0, Math.max(1, body.length() - cut)));
        Arbitrary<String> notObjects = Arbitraries.of("[]", "[{}]", "null", "true", "0", "-1", "1e309", "\"cidr\"",
                "99999999999999999999999999", "[\"10.0.0.0/8\"]", "{}{}", "{\"cidr\": \"10.0.0.0/8\"} x", "{,}",
                "{\"cidr\" \"10.9.0.0/16\"}", "{'cidr': '10.9.0.0/16'}", "{\"cidr\": \"10.9.0.0/16\",}",
                "\u0000", "\uFEFF{}", "{\"a\":" .repeat(50));
        Arbitrary<String> deep = Arbitraries.integers().between(1, 2000).map(n -> "[".repeat(n) + "]".repeat(n));
        Arbitrary<String> duplicateKeys = Arbitraries.of(
                "{\"cidr\": \"10.9.0.0/16\", \"cidr\": \"10.9.0.0/16\"}",
                "{\"poolId\": 1, \"poolId\": 1, \"serviceId\": 1}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, noise), net.jqwik.api.Tuple.of(3, truncated), net.jqwik.api.Tuple.of(2, notObjects),
                net.jqwik.api.Tuple.of(1, deep), net.jqwik.api.Tuple.of(1, duplicateKeys))
                .filter(body -> !body.isBlank() || !body.isEmpty());
    }

    /** Field types of each endpoint's body: which JSON types each field accepts. */
    private static final Map<String, Map<String, String>> FIELD_TYPES = Map.of(
            "/api/v1/subnets", Map.of("cidr", "string", "parentId", "integer", "gateway", "string",
                    "excluded", "array", "reserveNetwork", "boolean", "reserveGateway", "boolean",
                    "reserveBroadcast", "boolean", "description", "string"),
            "/api/v1/pools", Map.of("name", "string", "subnetId", "integer", "kind", "string", "prefixLength", "integer",
                    "range", "string", "quarantineSeconds", "integer"),
            "/api/v1/assignments", Map.of("poolId", "integer", "serviceId", "integer", "prefixLength", "integer"));

    @Provide
    Arbitrary<BadRequest> wrongTypes() {
        return Arbitraries.of(FIELD_TYPES.keySet().stream().sorted().toList()).flatMap(path -> {
            Map<String, String> fields = FIELD_TYPES.get(path);
            return Arbitraries.of(fields.keySet().stream().sorted().toList()).flatMap(field ->
                    wrongValueFor(fields.get(field)).map(value -> {
                        ObjectNode body = template(path);
                        body.set(field, value);
                        return new BadRequest(path, body.toString(), field);
                    }));
        });
    }

    private static Arbitrary<JsonNode> wrongValueFor(String type) {
        Arbitrary<JsonNode> text = anyText().ofMaxLength(20).map(NODES::textNode);
        Arbitrary<JsonNode> numericText = Arbitraries.longs().map(n -> NODES.textNode(Long.toString(n)));
        Arbitrary<JsonNode> integer = Arbitraries.longs().map(NODES::numberNode);
        Arbitrary<JsonNode> fraction = Arbitraries.doubles().filter(d -> d != Math.rint(d)).map(NODES::numberNode);
        Arbitrary<JsonNode> huge = Arbitraries.bigIntegers().between(java.math.BigInteger.TWO.pow(63),
                java.math.BigInteger.TEN.pow(40)).map(NODES::numberNode);
        Arbitrary<JsonNode> bool = Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false));
        Arbitrary<JsonNode> array = Arbitraries.of(NODES.arrayNode(), NODES.arrayNode().add(1), NODES.arrayNode().add("x"));
        Arbitrary<JsonNode> object = Arbitraries.of(NODES.objectNode(), NODES.objectNode().put("a", 1));
        return switch (type) {
            case "string" -> Arbitraries.oneOf(integer, fraction, bool, array, object);
            case "integer" -> Arbitraries.oneOf(text, numericText, fraction, huge, bool, array, object);
            case "boolean" -> Arbitraries.oneOf(text, integer, fraction, array, object,
                    Arbitraries.of(NODES.textNode("true"), NODES.numberNode(1)));
            case "array" -> Arbitraries.oneOf(text, integer, bool, object,
                    Arbitraries.of(NODES.arrayNode().add(1), NODES.arrayNode().add(NODES.objectNode()),
                            NODES.arrayNode().add(NODES.arrayNode())));
            default -> throw new IllegalArgumentException(type);
        };
    }

    @Provide
    Arbitrary<BadRequest> invalidValues() {
        return Arbitraries.oneOf(badSubnets(), badPools(), badAssignments());
    }

    private Arbitrary<BadRequest> badSubnets() {
        Arbitrary<BadRequest> cidr = Arbitraries.oneOf(badCidrs(), overlappingSeed()).map(text -> subnet(body -> body.put("cidr", text).remove("gateway"),
                "cidr"));
        Arbitrary<BadRequest> missingCidr = Arbitraries.of(subnet(body -> body.remove("cidr"), "cidr"),
                subnet(body -> body.putNull("cidr"), "cidr"), subnet(body -> body.put("cidr", "  "), "cidr"));
        Arbitrary<BadRequest> gateway = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 255).flatMap(third -> Arbitraries.integers().between(0, 255)
                        .map(last -> "172.31." + third + "." + last)),
                Arbitraries.of("172.31.0.0", "172.31.0.255", "2001:db8::1", "172.31.0.1/32", "::"),
                junk()).map(text -> subnet(body -> body.put("gateway", text), "gateway"));
        Arbitrary<BadRequest> excluded = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 255).map(third -> "172.31." + third + ".9"),
                Arbitraries.integers().between(2, 254).map(last -> "172.31.0." + last + "-172.31.0.1"),
                Arbitraries.of("172.31.0.0/16", "2001:db8::5", "172.31.0.5-2001:db8::1", "-", "172.31.0.5-"),
                junk()).map(text -> subnet(body -> body.putArray("excluded").add("172.31.0.4").add(text), "excluded"));
        Arbitrary<BadRequest> blankExcluded = Arbitraries.of("", " ").map(text ->
                subnet(body -> body.putArray("excluded").add(text), "excluded[0]"));
        Arbitrary<BadRequest> parent = badIdNumbers().map(id -> subnet(body -> body.set("parentId", id), "parentId"));
        Arbitrary<BadRequest> missingParent = Arbitraries.longs().between(1_000_000_000L, Long.MAX_VALUE)
                .map(id -> subnet(body -> body.put("parentId", id), "parentId"));
        Arbitrary<BadRequest> description = anyText().ofMinLength(256).ofMaxLength(400)
                .filter(text -> text.trim().length() > 255)
                .map(text -> subnet(body -> body.put("description", text), "description"));
        return Arbitraries.oneOf(cidr, cidr, missingCidr, gateway, excluded, blankExcluded, parent, missingParent,
                description);
    }

    private Arbitrary<BadRequest> badPools() {
        Arbitrary<BadRequest> subnet = Arbitraries.oneOf(badIdNumbers(),
                Arbitraries.longs().between(1_000_000_000L, Long.MAX_VALUE).map(n -> (JsonNode) NODES.numberNode(n)),
                Arbitraries.just(NODES.nullNode()))
                .map(id -> pool(body -> body.set("subnetId", id), "subnetId"));
        Arbitrary<BadRequest> name = Arbitraries.oneOf(Arbitraries.of("", "   ", "seed"),
                        Arbitraries.strings().alpha().ofMinLength(101).ofMaxLength(300))
                .map(text -> pool(body -> body.put("name", text), "name"));
        Arbitrary<BadRequest> kind = anyText().ofMinLength(1).ofMaxLength(20)
                .filter(text -> !Set.of("address", "prefix").contains(text.trim().toLowerCase(java.util.Locale.ROOT)))
                .map(text -> pool(body -> body.put("kind", text), "kind"));
        Arbitrary<BadRequest> prefixLength = Arbitraries.oneOf(Arbitraries.integers().between(Integer.MIN_VALUE, 15),
                        Arbitraries.integers().between(33, Integer.MAX_VALUE))
                .map(length -> pool(body -> body.put("kind", "prefix").put("prefixLength", length), "prefixLength"));
        Arbitrary<BadRequest> missingPrefixLength = Arbitraries.just(
                pool(body -> body.put("kind", "PREFIX"), "prefixLength"));
        Arbitrary<BadRequest> range = Arbitraries.oneOf(badCidrs(), junk(),
                        Arbitraries.integers().between(201, 255).map(second -> "10." + second + ".0.0/24"),
                        Arbitraries.integers().between(2, 255).map(last -> "10.200.1." + last + "-10.200.1.1"),
                        Arbitraries.of("10.0.0.0/8", "2001:db8::/64", "10.200.1.1-2001:db8::1"))
                .map(text -> pool(body -> body.put("range", text), "range"));
        Arbitrary<BadRequest> quarantine = Arbitraries.oneOf(Arbitraries.longs().between(Long.MIN_VALUE, -1),
                        Arbitraries.longs().between(PoolBody.MAX_QUARANTINE_SECONDS + 1, Long.MAX_VALUE))
                .map(seconds -> pool(body -> body.put("quarantineSeconds", seconds), "quarantineSeconds"));
        return Arbitraries.oneOf(subnet, name, kind, prefixLength, missingPrefixLength, range, quarantine);
    }

    private Arbitrary<BadRequest> badAssignments() {
        Arbitrary<BadRequest> pool = Arbitraries.oneOf(badIdNumbers(),
                Arbitraries.longs().between(1_000_000_000L, Long.MAX_VALUE).map(n -> (JsonNode) NODES.numberNode(n)),
                Arbitraries.just(NODES.nullNode()))
                .map(id -> assignment(body -> body.set("poolId", id), "poolId"));
        Arbitrary<BadRequest> serviceId = Arbitraries.oneOf(badIdNumbers(), Arbitraries.just(NODES.nullNode()))
                .map(id -> assignment(body -> body.set("serviceId", id), "serviceId"));
        Arbitrary<BadRequest> prefixLength = Arbitraries.integers().filter(length -> length != 32)
                .map(length -> assignment(body -> body.put("prefixLength", length), "prefixLength"));
        return Arbitraries.oneOf(pool, serviceId, prefixLength);
    }

    @Provide
    Arbitrary<BadRequest> unknownFields() {
        Arbitrary<String> names = anyText().ofMinLength(1).ofMaxLength(30)
                .filter(name -> FIELD_TYPES.values().stream().noneMatch(fields -> fields.containsKey(name)));
        Arbitrary<JsonNode> values = Arbitraries.oneOf(anyText().ofMaxLength(10).map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode), Arbitraries.just(NODES.nullNode()));
        return Combinators.combine(Arbitraries.of(FIELD_TYPES.keySet().stream().sorted().toList()), names, values)
                .as((path, name, value) -> {
                    ObjectNode body = template(path);
                    body.set(name, value);
                    return new BadRequest(path, body.toString(), name);
                });
    }

    @Provide
    Arbitrary<String> badIds() {
        Arbitrary<String> negative = Arbitraries.longs().between(Long.MIN_VALUE, 0).map(Object::toString);
        Arbitrary<String> huge = Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(18),
                java.math.BigInteger.TEN.pow(60)).map(Object::toString);
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').withChars("ÄΩЖ日本_~-")
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> mixed = Combinators.combine(Arbitraries.integers().between(0, 999), words)
                .as((n, w) -> n + w);
        Arbitrary<String> numberLike = Arbitraries.of("1.5", "1e3", "0x10", "+1", "1_000", "00", "٣", "１", "1 ", " 2",
                "NaN", "Infinity", "abc", "-1", "99999999999999999999");
        return Arbitraries.oneOf(negative, huge, words, mixed, numberLike);
    }

    @Provide
    Arbitrary<BadRequest> badQueries() {
        // Query parameters are trimmed, so " 2" is a fine id there (unlike in a path).
        Arbitrary<String> notAnId = badIds().filter(value -> !value.trim().matches("[1-9][0-9]{0,17}"));
        Arbitrary<BadRequest> ids = Combinators.combine(
                Arbitraries.of(List.of("subnets", "parentId"), List.of("pools", "subnetId"), List.of("assignments", "poolId"),
                        List.of("assignments", "subnetId"), List.of("assignments", "serviceId")), notAnId)
                .as((where, value) -> query(where.get(0), where.get(1), value));
        Arbitrary<BadRequest> family = Arbitraries.oneOf(
                Arbitraries.integers().filter(n -> n != 4 && n != 6).map(Object::toString), notAnId)
                .map(value -> query("subnets", "family", value));
        Arbitrary<BadRequest> contains = Arbitraries.oneOf(junk(), badCidrs(), Arbitraries.of("10.0.0.0/8", "::/0"))
                .map(value -> query("subnets", "contains", value));
        Arbitrary<String> notAWord = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(10),
                Arbitraries.integers().between(0, 9)).as((w, n) -> w + n);
        Arbitrary<BadRequest> kind = notAWord.map(value -> query("pools", "kind", value));
        Arbitrary<BadRequest> status = notAWord.map(value -> query("assignments", "status", value));
        Arbitrary<BadRequest> limit = Arbitraries.oneOf(
                Arbitraries.integers().filter(n -> n < 1 || n > 1000).map(Object::toString), notAnId)
                .map(value -> query("assignments", "limit", value));
        return Arbitraries.oneOf(ids, family, contains, kind, status, limit);
    }

    // ---- building blocks -----------------------------------------------------------------------------

    /** Strings that no IP parser accepts: no hex digit, no dot or colon structure. */
    private static Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ!@#$^&()+=ΩЖ日本\u00e9\u2028")
                .ofMinLength(1).ofMaxLength(25).filter(text -> !text.isBlank());
    }

    /** Any text that survives UTF-8 (no lone surrogates), so the server sees what the test means. */
    private static net.jqwik.api.arbitraries.StringArbitrary anyText() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .withChars('\u2028', '\u00e9', '\u65e5');
    }

    private static Arbitrary<String> badCidrs() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        Arbitrary<String> octetTooBig = Combinators.combine(octet, Arbitraries.integers().between(256, 99999), octet,
                Arbitraries.integers().between(0, 32)).as((a, b, c, p) -> a + "." + b + "." + c + ".0/" + p);
        Arbitrary<String> prefixTooLong = Combinators.combine(octet, octet, Arbitraries.integers().between(33, 10_000))
                .as((a, b, p) -> "10." + a + "." + b + ".0/" + p);
        Arbitrary<String> v6PrefixTooLong = Arbitraries.integers().between(129, 100_000).map(p -> "2001:db8::/" + p);
        Arbitrary<String> hostBits = Combinators.combine(Arbitraries.integers().between(8, 30), Arbitraries.integers())
                .as((prefix, bits) -> {
                    int hostMask = (1 << (32 - prefix)) - 1;
                    int host = (bits & hostMask) == 0 ? 1 : bits & hostMask;
                    long value = (0xAC1F0000L | host) & 0xFFFFFFFFL; // 172.31.x.x with host bits set
                    return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "."
                            + (value & 255) + "/" + prefix;
                });
        Arbitrary<String> prefixJunk = Combinators.combine(octet, junk()).as((a, j) -> "10." + a + ".0.0/" + j);
        Arbitrary<String> v6Junk = junk().map(j -> "2001:db8::" + j + "/64");
        return Arbitraries.oneOf(octetTooBig, prefixTooLong, v6PrefixTooLong, hostBits, junk(), prefixJunk,
                v6Junk, Arbitraries.of("10.200.0.0/", "/24", "*", "10.*.0.0/16", "10.200.1.0/33"));
    }

    /** Valid CIDR text, but overlapping the seed subnet without declaring it the parent. */
    private static Arbitrary<String> overlappingSeed() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 255).map(third -> "10.200." + third + ".0/24"),
                Arbitraries.of("10.0.0.0/8", "0.0.0.0/0", "10.200.0.0/16", "10.192.0.0/10"));
    }

    private static Arbitrary<JsonNode> badIdNumbers() {
        return Arbitraries.oneOf(Arbitraries.longs().between(Long.MIN_VALUE, 0).map(n -> (JsonNode) NODES.numberNode(n)),
                Arbitraries.just(NODES.numberNode(0)));
    }

    private static List<String> validBodies() {
        return FIELD_TYPES.keySet().stream().sorted().map(path -> template(path).toString()).toList();
    }

    /** A body that would be accepted, before one part of it is spoilt. */
    private static ObjectNode template(String path) {
        ObjectNode body = NODES.objectNode();
        switch (path) {
            case "/api/v1/subnets" -> body.put("cidr", "172.31.0.0/24").put("gateway", "172.31.0.1")
                    .put("description", "fuzz").put("reserveNetwork", true);
            case "/api/v1/pools" -> body.put("name", "fuzz").put("subnetId", seedSubnetId).put("kind", "address")
                    .put("range", "10.200.1.0/24").put("quarantineSeconds", 60);
            case "/api/v1/assignments" -> body.put("poolId", seedPoolId).put("serviceId", 1).put("prefixLength", 32);
            default -> throw new IllegalArgumentException(path);
        }
        // Valid templates only turn bad by the mutation; a correct template alone would be created.
        return body;
    }

    private static BadRequest subnet(java.util.function.Consumer<ObjectNode> spoil, String field) {
        ObjectNode body = template("/api/v1/subnets");
        spoil.accept(body);
        return new BadRequest("/api/v1/subnets", body.toString(), field);
    }

    private static BadRequest pool(java.util.function.Consumer<ObjectNode> spoil, String field) {
        ObjectNode body = template("/api/v1/pools");
        spoil.accept(body);
        return new BadRequest("/api/v1/pools", body.toString(), field);
    }

    private static BadRequest assignment(java.util.function.Consumer<ObjectNode> spoil, String field) {
        ObjectNode body = template("/api/v1/assignments");
        spoil.accept(body);
        return new BadRequest("/api/v1/assignments", body.toString(), field);
    }

    private static BadRequest query(String resource, String parameter, String value) {
        return new BadRequest("/api/v1/" + resource + "?" + parameter + "=" + encode(value), null, parameter);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
