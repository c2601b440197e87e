package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import static io.routerbridge.provisioning.Fixtures.pppoe;
import static io.routerbridge.provisioning.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergerTest {

    @Test
    void createTakesTwoRoundTripsAndAConvergedRouterOne() {
        InMemoryRouter router = new InMemoryRouter();
        Converger converger = new Converger(router);
        DesiredState create = DesiredState.ofServices(List.of(tenant("42", ServiceStatus.ACTIVE)));

        ApplyResult result = converger.apply(create);

        assertThat(result.converged()).isTrue();
        assertThat(router.roundTrips).isEqualTo(2);
        assertThat(router.pipelines.get(0)).allMatch(sentence -> sentence.path().endsWith("/print"));
        assertThat(router.pipelines.get(1)).hasSize(9);
        converger.apply(create);
        assertThat(router.roundTrips).isEqualTo(3);
    }

    @Test
    void suspendWithSessionsAndConnectionsStillTakesTwoRoundTrips() {
        InMemoryRouter router = new InMemoryRouter();
        Converger converger = new Converger(router);
        converger.apply(DesiredState.ofServices(List.of(tenant("42", ServiceStatus.ACTIVE))));
        router.connect("alice", "10.64.0.10");
        router.track("10.64.0.10:40000", "198.51.100.1:443");
        int before = router.roundTrips;

        ApplyResult result = converger.apply(DesiredState.ofServices(List.of(tenant("42", ServiceStatus.SUSPENDED))));

        assertThat(result.converged()).isTrue();
        assertThat(router.roundTrips - before).isEqualTo(2);
        assertThat(router.count(ActualState.PPP_ACTIVE)).isZero();
        assertThat(router.count(ActualState.CONNECTIONS)).isZero();
    }

    @Test
    void theReadAsksForOurMenusWithAPropertyListAndOnlyReadsConnectionsWhenNeeded() {
        List<Sentence> active = StateReader.readSentences(
                DesiredState.ofServices(List.of(tenant("42", ServiceStatus.ACTIVE))));
        assertThat(active).extracting(Sentence::path).containsExactly("/ip/address/print", "/ppp/secret/print",
                "/queue/simple/print", "/ip/firewall/address-list/print", "/ip/firewall/nat/print",
                "/ip/firewall/filter/print", "/ppp/active/print");
        assertThat(active.get(1).proplist()).contains(".id", "comment", "name", "password", "disabled", "profile");
        assertThat(StateReader.readSentences(DesiredState.ofServices(List.of(tenant("42", ServiceStatus.SUSPENDED)))))
                .extracting(Sentence::path).contains("/ip/firewall/connection/print");
    }

    @Test
    void aFailedReadStopsBeforeAnyWrite() {
        InMemoryRouter router = new InMemoryRouter();
        RouterPort brokenPrint = sentences -> {
            List<CommandReply> replies = new java.util.ArrayList<>(router.pipeline(sentences));
            replies.set(1, CommandReply.trap("not enough permissions (9)"));
            return replies;
        };
        assertThatThrownBy(() -> new Converger(brokenPrint)
                .apply(DesiredState.ofServices(List.of(pppoe("9", ServiceStatus.ACTIVE)))))
                .isInstanceOf(StateReader.RouterReadException.class)
                .hasMessageContaining("/ppp/secret").hasMessageContaining("not enough permissions");
        assertThat(router.roundTrips).isEqualTo(1);
        assertThat(router.count("/ppp/secret")).isZero();
    }

    @Test
    void refusedSentencesAreReportedAndTheNextRunFinishesTheJob() {
        InMemoryRouter router = new InMemoryRouter();
        Converger converger = new Converger(router);
        router.operatorAdd("/ip/address", "address", "203.0.113.10/32", "interface", "ether2");
        DesiredState create = DesiredState.ofServices(List.of(tenant("42", ServiceStatus.ACTIVE)));
        Plan plan = converger.preview(create);
        assertThat(plan.conflicts()).singleElement().satisfies(conflict ->
                assertThat(conflict.desired().marker().role()).isEqualTo("public-ip"));

        ApplyResult first = converger.apply(create);
        assertThat(first.converged()).isFalse();
        assertThat(first.failures()).isEmpty();

        router.operatorRemove("/ip/address", router.rows("/ip/address").get(0).get(".id"));
        ApplyResult second = converger.apply(create);
        assertThat(second.converged()).isTrue();
        assertThat(second.sent()).extracting(Sentence::path).containsExactly("/ip/address/add");
        assertThat(converger.drift(create).isClean()).isTrue();
    }
}
