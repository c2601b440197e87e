package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.emulator.RouterOsEmulator;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Awkward values survive the whole trip: client encode, emulator decode and store, print, client decode. */
class EmulatorValueRoundTripProperties {
    private static RouterOsEmulator emulator;
    private static RouterClients clients;
    private static RouterSession session;
    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeContainer
    static void start() {
        emulator = Emulators.start();
        clients = new RouterClients(TestRouters.quickOptions());
        session = clients.session(Emulators.plain(emulator));
    }

    @AfterContainer
    static void stop() {
        clients.close();
        emulator.close();
    }

    @Provide
    Arbitrary<String> values() {
        return WireCodecProperties.awkwardValues();
    }

    @Property(tries = 150)
    void aCommentComesBackExactlyAsSet(@ForAll("values") String comment) {
        String id = session.execute(TestRouters.addToList("round-trip", TestRouters.address(NEXT.incrementAndGet()), ""))
                .ret().orElseThrow();
        session.execute(Sentence.of("/ip/firewall/address-list/set").with(".id", id).with("comment", comment));

        Reply printed = session.execute(Sentence.of("/ip/firewall/address-list/print").whereEquals(".id", id)
                .proplist("comment"));

        assertThat(printed.rows()).hasSize(1);
        assertThat(printed.rows().get(0).getOrDefault("comment", "")).isEqualTo(comment);
    }

    @Property(tries = 150)
    void aPppPasswordComesBackExactlyAsSetAndIsFoundByQuery(@ForAll("values") String password) {
        String name = "user" + NEXT.incrementAndGet();
        session.execute(Sentence.of("/ppp/secret/add").with("name", name).with("password", password)
                .with("service", "any"));

        Reply byName = session.execute(Sentence.of("/ppp/secret/print").whereEquals("name", name)
                .proplist("name", "password"));
        Reply byPassword = session.execute(Sentence.of("/ppp/secret/print").whereEquals("password", password)
                .whereEquals("name", name).whereOps("&").proplist("name"));

        assertThat(byName.rows()).hasSize(1);
        assertThat(byName.rows().get(0).getOrDefault("password", "")).isEqualTo(password);
        assertThat(byPassword.rows()).extracting(row -> row.get("name")).containsExactly(name);
    }
}
