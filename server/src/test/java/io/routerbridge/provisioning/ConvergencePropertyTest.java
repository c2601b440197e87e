package io.routerbridge.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the router looked like before (another desired state applied, then objects deleted, edited, copied
 * and moved by hand, operator objects around ours), one apply converges it: planning again yields nothing,
 * operator objects are exactly as they were, and each owner's rules are in order.
 */
class ConvergencePropertyTest {

    enum Mode { VPN_NAT, PPPOE, STATIC }

    enum Kind { DELETE, DRIFT, DUPLICATE, MOVE, WIPE }

    record ServiceSeed(Mode mode, ServiceStatus before, ServiceStatus after, int users, int forwards, int rate,
                       boolean disabledUser) {
    }

    record Mutation(Kind kind, int menu, int row, int position, int value) {
    }

    private static final String[] RATES = {"10M/10M", "5M/2M", "512k/1M", "1500000/750000", "1G/1G"};
    private static final String[][] DRIFTS = {
            {"disabled", "true"}, {"max-limit", "1/1"}, {"password", "other"}, {"protocol", "udp"},
            {"log", "true"}, {"to-addresses", "192.0.2.99"}, {"profile", "default"}, {"address", "192.0.2.77/32"},
            {"connection-state", "new"}, {"comment", "rb:99:srcnat"}};

    @Provide
    Arbitrary<List<ServiceSeed>> services() {
        Arbitrary<ServiceSeed> seed = Combinators.combine(
                Arbitraries.of(Mode.class), Arbitraries.of(ServiceStatus.class), Arbitraries.of(ServiceStatus.class),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, RATES.length - 1), Arbitraries.of(true, false)
        ).as(ServiceSeed::new);
        return seed.list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.of(Kind.class).withoutEdgeCases(), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, DRIFTS.length - 1)
        ).as(Mutation::new);
        return mutation.list().ofMaxSize(8);
    }

    @Property(tries = 100)
    void oneApplyConvergesAnyRouterWithoutTouchingOperatorObjects(
            @ForAll("services") List<ServiceSeed> seeds, @ForAll("mutations") List<Mutation> mutations) {
        InMemoryRouter router = new InMemoryRouter();
        addOperatorObjects(router);
        Converger converger = new Converger(router);
        converger.apply(DesiredState.wholeRouter(specs(seeds, true)));
        for (Mutation mutation : mutations) {
            mutate(router, mutation);
        }
        Map<String, List<Map<String, String>>> operatorObjects = router.unmarked();
        DesiredState desired = DesiredState.wholeRouter(specs(seeds, false));

        ApplyResult result = converger.apply(desired);

        assertThat(result.failures()).isEmpty();
        assertThat(result.plan().conflicts()).isEmpty();
        assertThat(converger.preview(desired).isEmpty()).as("re-plan after apply").isTrue();
        assertThat(router.unmarked()).isEqualTo(operatorObjects);
        int marked = 0;
        for (Menu menu : Menu.values()) {
            marked += router.marked(menu).size();
        }
        assertThat(marked).isEqualTo(desired.objects().size());
        assertOwnersRulesInDesiredOrder(router, desired);
    }

    @Property(tries = 40)
    void servicePlansNeverTouchOtherServices(@ForAll("services") List<ServiceSeed> seeds) {
        InMemoryRouter router = new InMemoryRouter();
        Converger converger = new Converger(router);
        List<ServiceSpec> before = specs(seeds, true);
        converger.apply(DesiredState.wholeRouter(before));
        ServiceSpec changed = specs(seeds, false).get(0);
        List<Map<String, String>> others = new ArrayList<>();
        for (Menu menu : Menu.values()) {
            router.marked(menu).stream().filter(row -> !row.get("comment").startsWith("rb:" + changed.serviceId() + ":")
                    && !row.get("comment").startsWith("rb:shared:")).forEach(others::add);
        }

        converger.apply(DesiredState.ofServices(List.of(changed)));

        List<Map<String, String>> after = new ArrayList<>();
        for (Menu menu : Menu.values()) {
            router.marked(menu).stream().filter(row -> !row.get("comment").startsWith("rb:" + changed.serviceId() + ":")
                    && !row.get("comment").startsWith("rb:shared:")).forEach(after::add);
        }
        assertThat(after).isEqualTo(others);
        assertThat(converger.preview(DesiredState.ofServices(List.of(changed))).isEmpty()).isTrue();
    }

    private static List<ServiceSpec> specs(List<ServiceSeed> seeds, boolean before) {
        List<ServiceSpec> specs = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            ServiceSeed seed = seeds.get(i);
            String id = Integer.toString(100 + i);
            ServiceStatus status = before ? seed.before() : seed.after();
            String rate = RATES[(seed.rate() + (before ? 1 : 0)) % RATES.length];
            specs.add(switch (seed.mode()) {
                case VPN_NAT -> {
                    List<VpnNatTenant.VpnUser> users = new ArrayList<>();
                    for (int u = 0; u < seed.users(); u++) {
                        users.add(new VpnNatTenant.VpnUser("t" + i + " user=" + u, "pw!" + u + (before ? "" : "'"),
                                "l2tp", "default-encryption", u == 2 ? null : rate,
                                seed.disabledUser() && u == 0 && !before, "10.64." + i + "." + (2 + u)));
                    }
                    List<VpnNatTenant.PortForward> forwards = new ArrayList<>();
                    for (int f = 0; f < seed.forwards(); f++) {
                        forwards.add(new VpnNatTenant.PortForward(f % 2 == 0 ? "tcp" : "udp", 10000 + f,
                                "10.64." + i + ".2", 80 + f));
                    }
                    yield new VpnNatTenant(id, "203.0.113." + (10 + i), "ether1", "10.64." + i + ".0/29",
                            Fixtures.SUPERNET, status, users, forwards);
                }
                case PPPOE -> new PppoeSubscriber(id, "sub " + i, before ? "old" : "new", "gold", "disconnect",
                        i % 2 == 0 ? null : "100.64.0." + (10 + i), status);
                case STATIC -> new StaticSubscriber(id, "198.51.100." + (10 + i), rate, status);
            });
        }
        return specs;
    }

    private static void addOperatorObjects(InMemoryRouter router) {
        router.operatorAdd("/ip/address", "address", "192.0.2.2/24", "interface", "ether1");
        router.operatorAdd("/ip/firewall/filter", "chain", "forward", "action", "accept",
                "connection-state", "established,related", "comment", "defconf: established");
        router.operatorAdd("/ip/firewall/filter", "chain", "forward", "action", "drop", "connection-state", "invalid");
        router.operatorAdd("/ip/firewall/nat", "chain", "srcnat", "action", "masquerade", "out-interface", "ether1");
        router.operatorAdd("/ppp/secret", "name", "noc", "password", "x", "comment", "rbx: not ours");
        router.operatorAdd("/queue/simple", "name", "office", "target", "192.0.2.0/24", "max-limit", "100M/100M");
        router.operatorAdd("/ip/firewall/address-list", "list", "blocked", "address", "192.0.2.200");
    }

    private static void mutate(InMemoryRouter router, Mutation mutation) {
        if (mutation.kind() == Kind.WIPE) {
            if (mutation.value() == 0) {
                router.wipe();
                addOperatorObjects(router);
            }
            return;
        }
        Menu menu = Menu.values()[mutation.menu() % Menu.values().length];
        List<Map<String, String>> ours = router.marked(menu);
        if (ours.isEmpty()) {
            return;
        }
        Map<String, String> row = ours.get(mutation.row() % ours.size());
        String id = row.get(".id");
        switch (mutation.kind()) {
            case DELETE -> router.operatorRemove(menu.path(), id);
            case DRIFT -> {
                String[] drift = DRIFTS[mutation.value()];
                if (drift[0].equals("address") && menu == Menu.IP_ADDRESS) {
                    return;
                }
                router.operatorSet(menu.path(), id, drift[0], drift[1]);
            }
            case DUPLICATE -> {
                List<String> words = new ArrayList<>();
                row.forEach((name, value) -> {
                    if (!name.equals(".id")) {
                        words.add(name);
                        words.add(name.equals("name") || name.equals("address") && menu == Menu.IP_ADDRESS
                                || name.equals("list") ? value + "-copy" : value);
                    }
                });
                router.operatorAdd(menu.path(), words.toArray(String[]::new));
            }
            case MOVE -> router.operatorMove(menu.path(), id, mutation.position());
            default -> throw new IllegalStateException();
        }
    }

    private static void assertOwnersRulesInDesiredOrder(InMemoryRouter router, DesiredState desired) {
        for (Menu menu : List.of(Menu.NAT, Menu.FILTER)) {
            List<String> actualComments = router.rows(menu).stream()
                    .map(row -> row.getOrDefault("comment", "")).toList();
            for (String owner : desired.serviceIds()) {
                for (String chain : List.of("srcnat", "dstnat", "forward")) {
                    List<String> wanted = desired.objects(menu).stream()
                            .filter(object -> object.marker().owner().equals(owner)
                                    && chain.equals(object.attributes().get("chain")))
                            .map(object -> object.marker().comment()).toList();
                    List<String> present = actualComments.stream().filter(wanted::contains).toList();
                    assertThat(present).as("order of %s %s rules of %s", menu, chain, owner).isEqualTo(wanted);
                }
            }
        }
    }
}
