package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanApplierTest {

    private static final String NASTY = "p w\"d=x!y ?z =.id=*1 \\ ;";

    @Test
    void addSetAndRemoveBecomeStructuredSentences() {
        RouterObject object = RouterObject.of(Menu.FILTER, OwnershipMarker.of("42", "isolate"),
                "chain", "forward", "action", "drop");
        ActualRow row = new ActualRow("/ip/firewall/filter", "*1A", 0, java.util.Map.of(".id", "*1A"));
        Plan plan = new Plan(List.of(
                new Change.Remove(Menu.FILTER, row, Change.Reason.EXTRA, List.of()),
                new Change.Update(Menu.FILTER, "*2", OwnershipMarker.of("42", "accept-inside"),
                        List.of(new AttributeDiff("disabled", "no", "true"))),
                new Change.Add(object, "*3", Change.Reason.MISSING)),
                List.of(new Action.KickSessions(List.of("alice"), List.of("*80000001"))), List.of());

        assertThat(PlanApplier.sentences(plan)).extracting(Sentence::words).containsExactly(
                List.of("/ip/firewall/filter/remove", "=.id=*1A"),
                List.of("/ip/firewall/filter/set", "=.id=*2", "=disabled=no"),
                List.of("/ip/firewall/filter/add", "=chain=forward", "=action=drop", "=comment=rb:42:isolate",
                        "=place-before=*3"),
                List.of("/ppp/active/remove", "=.id=*80000001"));
        assertThat(PlanApplier.explain(plan)).containsExactly(
                "/ip/firewall/filter/remove =.id=*1A",
                "/ip/firewall/filter/set =.id=*2 =disabled=no",
                "/ip/firewall/filter/add =chain=forward =action=drop =comment=rb:42:isolate =place-before=*3",
                "/ppp/active/remove =.id=*80000001");
    }

    @Test
    void valuesWithSpacesQuotesEqualsAndBangsStayOneWord() {
        VpnNatTenant tenant = new VpnNatTenant("42", "203.0.113.10", "ether1", "10.64.0.8/29", Fixtures.SUPERNET,
                ServiceStatus.ACTIVE, List.of(new VpnNatTenant.VpnUser("we ird=!name", NASTY, "any", "default", null,
                false, "10.64.0.10")), List.of());
        Plan plan = Planner.plan(DesiredState.ofServices(List.of(tenant)), ActualState.empty());
        Sentence secret = PlanApplier.sentences(plan).stream()
                .filter(sentence -> sentence.path().equals("/ppp/secret/add")).findFirst().orElseThrow();

        assertThat(secret.words()).containsExactly("/ppp/secret/add", "=name=we ird=!name", "=password=" + NASTY,
                "=service=any", "=profile=default", "=local-address=10.64.0.9", "=remote-address=10.64.0.10",
                "=disabled=no", "=comment=rb:42:vpn-user:we%20ird%3D%21name");
        assertThat(secret.attributes().get("password")).isEqualTo(NASTY);
        String line = PlanApplier.explain(secret);
        assertThat(line).contains("\"=name=we ird=!name\"").contains("=password=********").doesNotContain("p w");
    }

    @Test
    void largeRuntimeRemovalsAreSplitIntoSeveralSentences() {
        List<String> ids = java.util.stream.IntStream.range(1, 451).mapToObj(i -> "*" + Integer.toHexString(i))
                .toList();
        List<Sentence> sentences = PlanApplier.sentences(new Action.DropConnections("10.64.0.8/29", ids));
        assertThat(sentences).hasSize(3);
        assertThat(sentences).allSatisfy(sentence ->
                assertThat(sentence.path()).isEqualTo("/ip/firewall/connection/remove"));
        assertThat(String.join(",", sentences.stream().map(sentence -> sentence.attributes().get(".id")).toList()))
                .isEqualTo(String.join(",", ids));
    }

    @Test
    void attributeNamesCannotSmuggleWords() {
        assertThatThrownBy(() -> Sentence.of("/ppp/secret/add").with("name=x", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouterObject.of(Menu.PPP_SECRET, OwnershipMarker.of("1", "x"), "?name", "y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sentence.of("/ppp/secret/add =name=x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
