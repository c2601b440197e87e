package io.routerbridge.ipam.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For random valid layouts (nested IPv4 subnets, IPv6 subnets, gateways, exclusions, reservation flags,
 * address and prefix pools, awkward descriptions): importing into an empty database stores exactly the
 * layout, and in every format export → import into an empty database → export gives the same text.
 */
class ExchangeRoundTripProperties {
    private static TestDatabase db;
    private static IpamExchange exchange;

    @BeforeContainer
    static void start() {
        db = new TestDatabase().start();
        exchange = new IpamExchange(new IpamExchangeRepository(db.dsl(), Clock.systemUTC()));
    }

    @AfterContainer
    static void stop() {
        db.close();
    }

    @Property(tries = 25)
    void exportImportExportIsExactInEveryFormat(@ForAll("layouts") IpamSnapshot layout) {
        IpamTables.wipe(db.dsl());
        ImportResult seeded = exchange.importFile(ExchangeCodec.write(layout, ExchangeFormat.JSON), ExchangeFormat.JSON, false);
        assertThat(seeded.errors()).isEmpty();
        assertThat(exchange.snapshot()).isEqualTo(layout);

        for (ExchangeFormat format : ExchangeFormat.values()) {
            String exported = exchange.export(format);
            IpamTables.wipe(db.dsl());
            ImportResult imported = exchange.importFile(exported, format, false);
            assertThat(imported.errors()).as(format + ":\n" + exported).isEmpty();
            assertThat(imported.subnets()).isEqualTo(layout.subnets().size());
            assertThat(imported.pools()).isEqualTo(layout.pools().size());
            assertThat(exchange.export(format)).as(format.name()).isEqualTo(exported);
        }
    }

    @Provide
    Arbitrary<IpamSnapshot> layouts() {
        Arbitrary<List<Block>> v4 = block().list().ofMaxSize(4).uniqueElements(Block::number);
        Arbitrary<List<Block>> v6 = block().list().ofMaxSize(2).uniqueElements(Block::number);
        return Combinators.combine(v4, v6).as(ExchangeRoundTripProperties::layout);
    }

    /** One top-level subnet numbered {@code number} with optional extras. */
    record Block(int number, boolean child, boolean gateway, boolean exclusions, boolean network,
                 boolean gatewayFlag, boolean broadcast, String description, boolean pools, int quarantine) {
    }

    private Arbitrary<Block> block() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<String> description = Arbitraries.strings().withChars("ab Z,;\"'<>&é Ω-_.").ofMaxLength(12)
                .map(String::strip);
        return Combinators.combine(Arbitraries.integers().between(0, 200), flag, flag, flag, flag,
                        Combinators.combine(flag, flag).as(List::of), description,
                        Combinators.combine(flag, Arbitraries.integers().between(0, 90000)).as(List::<Object>of))
                .as((number, child, gateway, exclusions, network, flags, text, pools) -> new Block(number, child,
                        gateway, exclusions, network, flags.get(0), flags.get(1), text, (Boolean) pools.get(0),
                        (Integer) pools.get(1)));
    }

    private static IpamSnapshot layout(List<Block> v4, List<Block> v6) {
        List<SubnetEntry> subnets = new ArrayList<>();
        List<PoolEntry> pools = new ArrayList<>();
        for (Block b : v4.stream().sorted(Comparator.comparingInt(Block::number)).toList()) {
            String net = "10.77." + b.number() + ".";
            String cidr = net + "0/24";
            subnets.add(new SubnetEntry(cidr, null, b.gateway() ? net + "1" : null,
                    b.exclusions() ? net + "200 " + net + "210-" + net + "220" : null,
                    b.network(), b.gatewayFlag(), b.broadcast(), b.description()));
            if (b.child()) {
                subnets.add(new SubnetEntry(net + "0/26", cidr, net + "62", null, true, true, true, ""));
            }
            if (b.pools()) {
                pools.add(new PoolEntry(String.format("v4-%03d-high", b.number()), cidr, "address", null,
                        net + "128-" + net + "254", b.quarantine()));
                if (b.child()) {
                    pools.add(new PoolEntry(String.format("v4-%03d-low", b.number()), net + "0/26", "address", null,
                            net + "0-" + net + "63", 0));
                }
            }
        }
        for (Block b : v6.stream().sorted(Comparator.comparingInt(Block::number)).toList()) {
            String prefix = "2001:db8:" + Integer.toHexString(b.number() + 1);
            String cidr = prefix + "::/48";
            subnets.add(new SubnetEntry(cidr, null, b.gateway() ? prefix + "::1" : null,
                    b.exclusions() ? prefix + "::5-" + prefix + "::9" : null,
                    b.network(), b.gatewayFlag(), b.broadcast(), b.description()));
            if (b.pools()) {
                pools.add(new PoolEntry(String.format("v6-%03d", b.number()), cidr, "prefix", 64,
                        prefix + "::-" + prefix + ":ff:ffff:ffff:ffff:ffff", b.quarantine()));
            }
        }
        pools.sort(Comparator.comparing(PoolEntry::name));
        return new IpamSnapshot(subnets, pools);
    }
}
