package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;

class PlanApplierPropertyTest {

    @net.jqwik.api.Property(tries = 300)
    void anyPasswordTravelsAsExactlyOneAttributeWord(@ForAll String password) {
        PppoeSubscriber subscriber = new PppoeSubscriber("9", "sub", password, "gold", "disconnect", null,
                ServiceStatus.ACTIVE);
        Plan plan = Planner.plan(DesiredState.ofServices(List.of(subscriber)), ActualState.empty());
        Sentence add = PlanApplier.sentences(plan).get(0);
        assertThat(add.words()).hasSize(1 + 6);
        assertThat(add.words()).filteredOn(word -> word.startsWith("=password=")).containsExactly("=password=" + password);
        assertThat(add.attributes().get("password")).isEqualTo(password);
    }
}
