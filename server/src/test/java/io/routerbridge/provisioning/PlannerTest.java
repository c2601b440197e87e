package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import static io.routerbridge.provisioning.Fixtures.otherTenant;
import static io.routerbridge.provisioning.Fixtures.pppoe;
import static io.routerbridge.provisioning.Fixtures.statik;
import static io.routerbridge.provisioning.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private InMemoryRouter router;
    private Converger converger;
    private String firstForwardRule;
    private String masquerade;

    @BeforeEach
    void setUp() {
        router = new InMemoryRouter();
        router.operatorAdd("/ip/address", "address", "192.0.2.2/24", "interface", "ether1");
        router.operatorAdd("/ip/firewall/filter", "chain", "input", "action", "accept", "protocol", "icmp");
        firstForwardRule = router.operatorAdd("/ip/firewall/filter", "chain", "forward", "action", "accept",
                "connection-state", "established,related", "comment", "defconf: accept established");
        router.operatorAdd("/ip/firewall/filter", "chain", "forward", "action", "drop",
                "connection-state", "invalid");
        masquerade = router.operatorAdd("/ip/firewall/nat", "chain", "srcnat", "action", "masquerade",
                "out-interface", "ether1");
        router.operatorAdd("/ppp/secret", "name", "admin-tunnel", "password", "x", "profile", "default");
        router.operatorAdd("/queue/simple", "name", "office", "target", "192.0.2.0/24", "max-limit", "100M/100M");
        converger = new Converger(router);
    }

    private ApplyResult apply(ServiceSpec... services) {
        ApplyResult result = converger.apply(DesiredState.ofServices(List.of(services)));
        assertThat(result.failures()).isEmpty();
        return result;
    }

    private Plan preview(ServiceSpec... services) {
        return converger.preview(DesiredState.ofServices(List.of(services)));
    }

    private static List<String> commands(Plan plan) {
        return PlanApplier.sentences(plan).stream().map(Sentence::path).toList();
    }

    private Map<String, String> markedRow(Menu menu, String marker) {
        return router.marked(menu).stream().filter(row -> row.get("comment").startsWith(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + marker));
    }

    private List<String> order(Menu menu) {
        return router.rows(menu).stream().map(row -> row.getOrDefault("comment", row.get(".id"))).toList();
    }

    @Test
    void newTenantRulesGoBeforeTheOperatorsRulesOfTheSameChainWhoseOrderIsKept() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        apply(Fixtures.otherTenant("43", ServiceStatus.ACTIVE));
        assertThat(order(Menu.NAT)).containsExactly("rb:42:srcnat", "rb:43:srcnat", masquerade,
                "rb:42:port-forward:tcp-8080");
        assertThat(order(Menu.FILTER)).containsExactly(order(Menu.FILTER).get(0), "rb:42:accept-inside",
                "rb:42:isolate", "rb:43:accept-inside", "rb:43:isolate", "defconf: accept established",
                order(Menu.FILTER).get(6));
    }

    @Test
    void fromAnEmptyRouterEverythingIsAddedInDependencyOrder() {
        Plan plan = preview(tenant("42", ServiceStatus.ACTIVE));

        assertThat(plan.changes()).allMatch(change -> change instanceof Change.Add add
                && add.reason() == Change.Reason.MISSING);
        assertThat(plan.changes()).extracting(change -> ((Change.Add) change).placeBefore())
                .containsExactly(null, null, null, null, null, masquerade, null, firstForwardRule, firstForwardRule);
        assertThat(commands(plan)).containsExactly("/ip/address/add", "/ppp/secret/add", "/ppp/secret/add",
                "/queue/simple/add", "/queue/simple/add", "/ip/firewall/nat/add", "/ip/firewall/nat/add",
                "/ip/firewall/filter/add", "/ip/firewall/filter/add");
        assertThat(plan.drift().missing()).hasSize(9);
        assertThat(PlanApplier.sentences(plan).get(0).words()).containsExactly("/ip/address/add",
                "=address=203.0.113.10/32", "=interface=ether1", "=comment=rb:42:public-ip");
    }

    @Test
    void aConvergedRouterShowsNoChangesAlthoughItPrintsValuesDifferently() {
        apply(tenant("42", ServiceStatus.ACTIVE), pppoe("9", ServiceStatus.ACTIVE),
                statik("5", "198.51.100.7", ServiceStatus.SUSPENDED));
        assertThat(markedRow(Menu.QUEUE_SIMPLE, "rb:42:vpn-queue:alice"))
                .containsEntry("max-limit", "10000000/10000000").containsEntry("target", "10.64.0.10/32");
        assertThat(markedRow(Menu.PPP_SECRET, "rb:42:vpn-user:alice")).containsEntry("disabled", "false");

        Plan again = preview(tenant("42", ServiceStatus.ACTIVE), pppoe("9", ServiceStatus.ACTIVE),
                statik("5", "198.51.100.7", ServiceStatus.SUSPENDED));
        assertThat(again.isEmpty()).isTrue();
        assertThat(again.drift().isClean()).isTrue();
        ApplyResult noop = apply(tenant("42", ServiceStatus.ACTIVE), pppoe("9", ServiceStatus.ACTIVE),
                statik("5", "198.51.100.7", ServiceStatus.SUSPENDED));
        assertThat(noop.sent()).isEmpty();
    }

    @Test
    void objectsWithoutOurMarkerAreNeverTouched() {
        Map<String, List<Map<String, String>>> before = router.unmarked();
        apply(tenant("42", ServiceStatus.ACTIVE), otherTenant("43", ServiceStatus.ACTIVE));
        apply(tenant("42", ServiceStatus.SUSPENDED));
        apply(tenant("42", ServiceStatus.TERMINATED), otherTenant("43", ServiceStatus.TERMINATED));
        converger.apply(DesiredState.wholeRouter(List.of()));

        assertThat(router.unmarked()).isEqualTo(before);
        assertThat(Menu.values()).allSatisfy(menu -> assertThat(router.marked(menu)).isEmpty());
    }

    @Test
    void driftedAttributesAreSetBackWithTheExactWords() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        String queueId = markedRow(Menu.QUEUE_SIMPLE, "rb:42:vpn-queue:bob").get(".id");
        router.operatorSet("/queue/simple", queueId, "max-limit", "50000000/50000000");
        String secretId = markedRow(Menu.PPP_SECRET, "rb:42:vpn-user:alice").get(".id");
        router.operatorSet("/ppp/secret", secretId, "password", "changed");
        router.operatorSet("/ppp/secret", secretId, "disabled", "true");

        Plan plan = preview(tenant("42", ServiceStatus.ACTIVE));

        assertThat(PlanApplier.sentences(plan)).extracting(Sentence::words).containsExactly(
                List.of("/ppp/secret/set", "=.id=" + secretId, "=password=s3cret", "=disabled=no"),
                List.of("/queue/simple/set", "=.id=" + queueId, "=max-limit=5M/2M"));
        Drift drift = plan.drift();
        assertThat(drift.changed()).hasSize(2);
        assertThat(drift.changed().get(1).diffs())
                .containsExactly(new AttributeDiff("max-limit", "5M/2M", "50000000/50000000"));
        apply(tenant("42", ServiceStatus.ACTIVE));
        assertThat(preview(tenant("42", ServiceStatus.ACTIVE)).isEmpty()).isTrue();
    }

    @Test
    void anOperatorNoteAppendedToOurCommentIsKept() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        String id = markedRow(Menu.NAT, "rb:42:srcnat").get(".id");
        router.operatorSet("/ip/firewall/nat", id, "comment", "rb:42:srcnat customer Bob");
        assertThat(preview(tenant("42", ServiceStatus.ACTIVE)).isEmpty()).isTrue();
        router.operatorSet("/ip/firewall/nat", id, "to-addresses", "203.0.113.99");
        apply(tenant("42", ServiceStatus.ACTIVE));
        assertThat(markedRow(Menu.NAT, "rb:42:srcnat")).containsEntry("comment", "rb:42:srcnat customer Bob")
                .containsEntry("to-addresses", "203.0.113.10");
    }

    @Test
    void deletedObjectsAreAddedAgainAndAWipedRouterIsRebuilt() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        router.operatorRemove("/ppp/secret", markedRow(Menu.PPP_SECRET, "rb:42:vpn-user:bob").get(".id"));
        Plan plan = preview(tenant("42", ServiceStatus.ACTIVE));
        assertThat(commands(plan)).containsExactly("/ppp/secret/add");
        assertThat(plan.drift().missing()).extracting(RouterObject::marker)
                .containsExactly(OwnershipMarker.of("42", "vpn-user", "bob"));

        router.wipe();
        apply(tenant("42", ServiceStatus.ACTIVE));
        assertThat(preview(tenant("42", ServiceStatus.ACTIVE)).isEmpty()).isTrue();
        assertThat(router.marked(Menu.FILTER)).hasSize(2);
    }

    @Test
    void extraAndDuplicateMarkedObjectsAreRemoved() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        String stray = router.operatorAdd("/ip/firewall/nat", "chain", "dstnat", "action", "dst-nat",
                "protocol", "tcp", "dst-address", "203.0.113.10", "dst-port", "2222", "to-addresses", "10.64.0.11",
                "to-ports", "22", "comment", "rb:42:port-forward:tcp-2222");
        String copy = router.operatorAdd("/queue/simple", "name", "rb-42-alice-copy", "target", "10.64.0.10",
                "max-limit", "10M/10M", "comment", "rb:42:vpn-queue:alice");

        Plan plan = preview(tenant("42", ServiceStatus.ACTIVE));

        assertThat(plan.changes()).extracting(change -> ((Change.Remove) change).row().id(),
                change -> ((Change.Remove) change).reason()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(stray, Change.Reason.EXTRA),
                org.assertj.core.groups.Tuple.tuple(copy, Change.Reason.DUPLICATE));
        assertThat(plan.drift().extra()).extracting(ActualRow::id).containsExactlyInAnyOrder(stray, copy);
        apply(tenant("42", ServiceStatus.ACTIVE));
        assertThat(router.marked(Menu.QUEUE_SIMPLE)).extracting(row -> row.get("name"))
                .containsExactly("rb-42-alice", "rb-42-bob");
    }

    @Test
    void suspendDisablesAndKicksAndDropsConnectionsThenUnsuspendRestoresExactly() {
        apply(tenant("42", ServiceStatus.ACTIVE), otherTenant("43", ServiceStatus.ACTIVE));
        List<Map<String, String>> activeState = router.marked(Menu.PPP_SECRET);
        String aliceSession = router.connect("alice", "10.64.0.10");
        String carolSession = router.connect("carol", "10.64.0.18");
        String inTenant = router.track("10.64.0.10:51000", "93.184.216.34:443");
        String toTenant = router.track("198.51.100.9:4000", "10.64.0.10:80");
        String otherTraffic = router.track("10.64.0.18:5000", "93.184.216.34:443");

        Plan suspend = preview(tenant("42", ServiceStatus.SUSPENDED));
        assertThat(suspend.actions()).containsExactly(
                new Action.KickSessions(List.of("alice"), List.of(aliceSession)),
                new Action.DropConnections("10.64.0.8/29", List.of(inTenant, toTenant)));
        List<List<String>> words = PlanApplier.sentences(suspend).stream().map(Sentence::words).toList();
        assertThat(words.subList(words.size() - 2, words.size())).containsExactly(
                List.of("/ppp/active/remove", "=.id=" + aliceSession),
                List.of("/ip/firewall/connection/remove", "=.id=" + inTenant + "," + toTenant));
        assertThat(words.subList(0, words.size() - 2)).allSatisfy(sentence ->
                assertThat(sentence).startsWith("/ppp/secret/set").contains("=disabled=yes"));

        apply(tenant("42", ServiceStatus.SUSPENDED));
        assertThat(router.marked(Menu.PPP_SECRET)).filteredOn(row -> row.get("comment").startsWith("rb:42:"))
                .allSatisfy(row -> assertThat(row).containsEntry("disabled", "true"));
        assertThat(router.rows(ActualState.PPP_ACTIVE)).extracting(row -> row.get(".id")).containsExactly(carolSession);
        assertThat(router.rows(ActualState.CONNECTIONS)).extracting(row -> row.get(".id")).containsExactly(otherTraffic);
        assertThat(preview(tenant("42", ServiceStatus.SUSPENDED)).isEmpty()).isTrue();

        apply(tenant("42", ServiceStatus.ACTIVE));
        assertThat(router.marked(Menu.PPP_SECRET)).isEqualTo(activeState);
    }

    @Test
    void anOldTenantsTeardownSparesTheNewTenantReusingItsPrefixAndUserName() {
        VpnNatTenant reused = new VpnNatTenant("50", "203.0.113.20", "ether1", "10.64.0.8/29", Fixtures.SUPERNET,
                ServiceStatus.ACTIVE, List.of(new VpnNatTenant.VpnUser("alice", "new", "l2tp", "default-encryption",
                null, false, "10.64.0.10")), List.of());
        DesiredState state = DesiredState.wholeRouter(List.of(tenant("42", ServiceStatus.TERMINATED), reused));
        assertThat(state.teardowns()).containsOnlyKeys("42");
        assertThat(state.teardowns().get("42").sessionNames()).containsExactly("bob");
        assertThat(state.teardowns().get("42").connectionPrefixes()).isEmpty();

        converger.apply(state);
        router.connect("alice", "10.64.0.10");
        String connection = router.track("10.64.0.10:5000", "198.51.100.1:443");
        assertThat(converger.preview(state).isEmpty()).isTrue();
        assertThat(router.rows(ActualState.CONNECTIONS)).extracting(row -> row.get(".id")).containsExactly(connection);
    }

    @Test
    void terminateRemovesEverythingOfThatServiceAndNothingElse() {
        apply(tenant("42", ServiceStatus.ACTIVE), otherTenant("43", ServiceStatus.ACTIVE),
                pppoe("9", ServiceStatus.ACTIVE));
        Map<String, List<Map<String, String>>> unmarked = router.unmarked();
        List<Map<String, String>> otherSecrets = router.marked(Menu.PPP_SECRET).stream()
                .filter(row -> !row.get("comment").startsWith("rb:42:")).toList();
        router.connect("bob", "10.64.0.11");

        Plan terminate = preview(tenant("42", ServiceStatus.TERMINATED));
        assertThat(terminate.changes()).allMatch(change -> change instanceof Change.Remove remove
                && remove.row().get("comment").startsWith("rb:42:"));
        assertThat(commands(terminate)).containsExactly("/ip/firewall/filter/remove", "/ip/firewall/filter/remove",
                "/ip/firewall/nat/remove", "/ip/firewall/nat/remove", "/queue/simple/remove", "/queue/simple/remove",
                "/ppp/secret/remove", "/ppp/secret/remove", "/ip/address/remove", "/ppp/active/remove");

        apply(tenant("42", ServiceStatus.TERMINATED));
        for (Menu menu : Menu.values()) {
            assertThat(router.marked(menu)).noneMatch(row -> row.get("comment").startsWith("rb:42:"));
        }
        assertThat(router.unmarked()).isEqualTo(unmarked);
        assertThat(router.marked(Menu.PPP_SECRET)).isEqualTo(otherSecrets);
        assertThat(router.rows(ActualState.PPP_ACTIVE)).isEmpty();
        assertThat(router.marked(Menu.FILTER)).extracting(row -> row.get("comment"))
                .containsExactly("rb:43:accept-inside", "rb:43:isolate");
    }

    @Test
    void aServiceScopedPlanLeavesOtherServicesAloneButAWholeRouterPlanRemovesStrays() {
        apply(tenant("42", ServiceStatus.ACTIVE), otherTenant("43", ServiceStatus.ACTIVE));
        assertThat(preview(pppoe("9", ServiceStatus.ACTIVE)).changes()).extracting(Change::menu)
                .containsExactly(Menu.PPP_SECRET);
        Plan whole = converger.preview(DesiredState.wholeRouter(List.of(tenant("42", ServiceStatus.ACTIVE))));
        assertThat(whole.changes()).allMatch(change -> change instanceof Change.Remove remove
                && remove.row().get("comment").startsWith("rb:43:"));
        assertThat(whole.changes()).hasSize(6);
    }

    @Test
    void ourRulesAreKeptInOrderWithoutReorderingOperatorRules() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        String accept = markedRow(Menu.FILTER, "rb:42:accept-inside").get(".id");
        String drop = markedRow(Menu.FILTER, "rb:42:isolate").get(".id");
        router.operatorAdd("/ip/firewall/filter", "chain", "forward", "action", "drop", "comment", "operator last");
        router.operatorMove("/ip/firewall/filter", accept, router.count("/ip/firewall/filter"));
        List<Map<String, String>> operatorRules = router.unmarked().get("/ip/firewall/filter");
        List<String> before = order(Menu.FILTER);
        assertThat(before.indexOf("rb:42:accept-inside")).isGreaterThan(before.indexOf("rb:42:isolate"));

        Plan plan = preview(tenant("42", ServiceStatus.ACTIVE));
        assertThat(plan.drift().misordered()).extracting(ActualRow::id).containsExactly(drop);
        assertThat(PlanApplier.sentences(plan)).extracting(Sentence::words).containsExactly(
                List.of("/ip/firewall/filter/remove", "=.id=" + drop),
                List.of("/ip/firewall/filter/add", "=chain=forward", "=action=drop", "=src-address=10.64.0.8/29",
                        "=dst-address=10.64.0.0/16", "=comment=rb:42:isolate"));

        apply(tenant("42", ServiceStatus.ACTIVE));
        List<String> order = order(Menu.FILTER);
        assertThat(order.indexOf("rb:42:isolate")).isEqualTo(order.indexOf("rb:42:accept-inside") + 1);
        assertThat(router.rows(Menu.FILTER)).extracting(row -> row.get(".id")).contains(accept);
        assertThat(router.unmarked().get("/ip/firewall/filter")).isEqualTo(operatorRules);
        assertThat(preview(tenant("42", ServiceStatus.ACTIVE)).isEmpty()).isTrue();
    }

    @Test
    void aMissingAcceptIsPlacedBeforeOurExistingDrop() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        router.operatorRemove("/ip/firewall/filter", markedRow(Menu.FILTER, "rb:42:accept-inside").get(".id"));
        router.operatorAdd("/ip/firewall/filter", "chain", "forward", "action", "drop", "comment", "operator last");
        String drop = markedRow(Menu.FILTER, "rb:42:isolate").get(".id");

        Plan plan = preview(tenant("42", ServiceStatus.ACTIVE));
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Change.Add.class,
                add -> assertThat(add.placeBefore()).isEqualTo(drop));
        apply(tenant("42", ServiceStatus.ACTIVE));
        List<String> order = order(Menu.FILTER);
        assertThat(order.indexOf("rb:42:isolate")).isEqualTo(order.indexOf("rb:42:accept-inside") + 1);
        assertThat(order.indexOf("operator last")).isGreaterThan(order.indexOf("rb:42:isolate"));
    }

    @Test
    void aMatcherAddedToOurRuleMakesItReplacedInPlace() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        String follower = router.operatorAdd("/ip/firewall/filter", "chain", "forward", "action", "drop",
                "comment", "operator last");
        String accept = markedRow(Menu.FILTER, "rb:42:accept-inside").get(".id");
        router.operatorSet("/ip/firewall/filter", accept, "protocol", "tcp");

        Plan plan = preview(tenant("42", ServiceStatus.ACTIVE));
        assertThat(plan.drift().changed()).singleElement().satisfies(changed ->
                assertThat(changed.diffs()).containsExactly(new AttributeDiff("protocol", null, "tcp")));
        String drop = markedRow(Menu.FILTER, "rb:42:isolate").get(".id");
        assertThat(plan.changes()).last().isInstanceOfSatisfying(Change.Add.class,
                add -> assertThat(add.placeBefore()).isEqualTo(drop));

        List<String> before = order(Menu.FILTER);
        apply(tenant("42", ServiceStatus.ACTIVE));
        assertThat(order(Menu.FILTER)).isEqualTo(before);
        assertThat(router.rows(Menu.FILTER)).extracting(row -> row.get(".id")).contains(follower);
        assertThat(preview(tenant("42", ServiceStatus.ACTIVE)).isEmpty()).isTrue();
    }

    @Test
    void anUnownedObjectHoldingOurNameIsAConflictNotAnOverwrite() {
        router.operatorAdd("/ppp/secret", "name", "sub-9", "password", "theirs");
        Plan plan = preview(pppoe("9", ServiceStatus.ACTIVE));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.conflicts()).singleElement().satisfies(conflict ->
                assertThat(conflict.blocking().get("password")).isEqualTo("theirs"));
        ApplyResult result = converger.apply(DesiredState.ofServices(List.of(pppoe("9", ServiceStatus.ACTIVE))));
        assertThat(result.converged()).isFalse();
        assertThat(PlanApplier.explain(plan)).singleElement().asString().startsWith("# blocked: /ppp/secret rb:9:pppoe-user");
    }

    @Test
    void pppoeSuspendMovesToTheDisconnectProfileAndBack() {
        apply(pppoe("9", ServiceStatus.ACTIVE));
        String session = router.connect("sub-9", "100.64.1.9");
        Plan suspend = preview(pppoe("9", ServiceStatus.SUSPENDED));
        String id = markedRow(Menu.PPP_SECRET, "rb:9:pppoe-user").get(".id");
        assertThat(PlanApplier.sentences(suspend)).extracting(Sentence::words).containsExactly(
                List.of("/ppp/secret/set", "=.id=" + id, "=profile=disconnect", "=disabled=yes"),
                List.of("/ppp/active/remove", "=.id=" + session));
        apply(pppoe("9", ServiceStatus.SUSPENDED));
        assertThat(router.rows(ActualState.PPP_ACTIVE)).isEmpty();
        apply(pppoe("9", ServiceStatus.ACTIVE));
        assertThat(markedRow(Menu.PPP_SECRET, "rb:9:pppoe-user")).containsEntry("profile", "gold")
                .containsEntry("disabled", "false");
    }

    @Test
    void anotherProfileOrPasswordKicksTheLiveSessionSoTheClientLogsInUnderIt() {
        apply(pppoe("9", ServiceStatus.ACTIVE));
        String session = router.connect("sub-9", "100.64.1.9");
        String id = markedRow(Menu.PPP_SECRET, "rb:9:pppoe-user").get(".id");
        PppoeSubscriber silver = new PppoeSubscriber("9", "sub-9", "pw9", "silver", "disconnect", null,
                ServiceStatus.ACTIVE);
        assertThat(PlanApplier.sentences(preview(silver))).extracting(Sentence::words).containsExactly(
                List.of("/ppp/secret/set", "=.id=" + id, "=profile=silver"),
                List.of("/ppp/active/remove", "=.id=" + session));
        apply(silver);
        assertThat(router.rows(ActualState.PPP_ACTIVE)).isEmpty();
        assertThat(preview(silver).isEmpty()).isTrue();

        String again = router.connect("sub-9", "100.64.1.9");
        PppoeSubscriber newPassword = new PppoeSubscriber("9", "sub-9", "changed", "silver", "disconnect", null,
                ServiceStatus.ACTIVE);
        assertThat(PlanApplier.sentences(preview(newPassword))).extracting(Sentence::words).containsExactly(
                List.of("/ppp/secret/set", "=.id=" + id, "=password=changed"),
                List.of("/ppp/active/remove", "=.id=" + again));
        router.operatorAdd("/ppp/secret", "name", "operator-9", "password", "x");
        String operatorSession = router.connect("operator-9", "100.64.1.10");
        apply(newPassword);
        assertThat(router.rows(ActualState.PPP_ACTIVE)).extracting(row -> row.get(".id"))
                .containsExactly(operatorSession);
    }

    @Test
    void staticSuspendListsTheIpAndTheSharedRuleStaysUntilAWholeRouterPlanDropsIt() {
        apply(statik("5", "198.51.100.7", ServiceStatus.ACTIVE), statik("6", "198.51.100.8", ServiceStatus.ACTIVE));
        assertThat(router.marked(Menu.FILTER)).extracting(row -> row.get("comment"))
                .containsExactly("rb:shared:block-suspended");
        apply(statik("5", "198.51.100.7", ServiceStatus.SUSPENDED));
        assertThat(router.marked(Menu.ADDRESS_LIST)).singleElement().satisfies(row ->
                assertThat(row).containsEntry("list", "rb-suspended").containsEntry("address", "198.51.100.7"));
        apply(statik("5", "198.51.100.7", ServiceStatus.ACTIVE));
        assertThat(router.marked(Menu.ADDRESS_LIST)).isEmpty();

        apply(statik("5", "198.51.100.7", ServiceStatus.TERMINATED));
        assertThat(router.marked(Menu.FILTER)).hasSize(1);
        converger.apply(DesiredState.wholeRouter(List.of(statik("6", "198.51.100.8", ServiceStatus.ACTIVE))));
        assertThat(router.marked(Menu.FILTER)).hasSize(1);
        converger.apply(DesiredState.wholeRouter(List.of()));
        assertThat(router.marked(Menu.FILTER)).isEmpty();
        assertThat(router.marked(Menu.QUEUE_SIMPLE)).isEmpty();
    }

    @Test
    void planningIsDeterministic() {
        apply(tenant("42", ServiceStatus.ACTIVE));
        router.operatorSet("/queue/simple", markedRow(Menu.QUEUE_SIMPLE, "rb:42:vpn-queue:bob").get(".id"),
                "max-limit", "1/1");
        ActualState actual = StateReader.parse(StateReader.readSentences(DesiredState.ofServices(List.of())),
                router.pipeline(StateReader.readSentences(DesiredState.ofServices(List.of()))));
        DesiredState desired = DesiredState.ofServices(List.of(otherTenant("43", ServiceStatus.ACTIVE),
                tenant("42", ServiceStatus.SUSPENDED)));
        DesiredState reordered = DesiredState.ofServices(List.of(tenant("42", ServiceStatus.SUSPENDED),
                otherTenant("43", ServiceStatus.ACTIVE)));
        assertThat(Planner.plan(desired, actual)).isEqualTo(Planner.plan(reordered, actual));
    }
}
