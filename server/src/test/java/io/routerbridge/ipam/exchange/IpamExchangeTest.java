package io.routerbridge.ipam.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.ReservationRules;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Export and import against real MariaDB; each test starts from its own empty database. */
class IpamExchangeTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    private IpamExchange exchange;
    private SubnetService subnets;
    private PoolService pools;

    @BeforeEach
    void setUp() {
        exchange = new IpamExchange(new IpamExchangeRepository(db.dsl(), Clock.systemUTC()));
        subnets = new SubnetService(new SubnetRepository(db.dsl()));
        pools = new PoolService(new PoolRepository(db.dsl()));
    }

    private void createSample() {
        Subnet parent = subnets.create(new NewSubnet("10.20.0.0/16", null, "10.20.0.1",
                List.of("10.20.0.5", "10.20.0.10-10.20.0.20"), ReservationRules.DEFAULT, "core, \"main\" <site> & Ω"));
        Subnet child = subnets.create(NewSubnet.of("10.20.4.0/24").withParent(parent.id()).withGateway("10.20.4.254")
                .withRules(new ReservationRules(true, false, true)));
        Subnet v6 = subnets.create(NewSubnet.of("2001:db8:7::/48").withRules(ReservationRules.NONE));
        pools.create(NewPool.addresses("customers", child.id()).withRange("10.20.4.10-10.20.4.200")
                .withQuarantine(Duration.ofHours(1)));
        pools.create(NewPool.addresses("core", parent.id()).withRange("10.20.128.0/17"));
        pools.create(NewPool.prefixes("v6-tenants", v6.id(), 64));
    }

    @ParameterizedTest
    @EnumSource(ExchangeFormat.class)
    void exportImportExportIsIdentical(ExchangeFormat format) {
        createSample();
        String first = exchange.export(format);
        IpamTables.wipe(db.dsl());

        ImportResult result = exchange.importFile(first, format, false);

        assertThat(result.errors()).isEmpty();
        assertThat(result.applied()).isTrue();
        assertThat(result.subnets()).isEqualTo(3);
        assertThat(result.pools()).isEqualTo(3);
        assertThat(exchange.export(format)).isEqualTo(first);
        Subnet child = subnets.list().stream().filter(s -> s.cidr().equals("10.20.4.0/24")).findFirst().orElseThrow();
        assertThat(subnets.get(child.parentId()).cidr()).isEqualTo("10.20.0.0/16");
        assertThat(child.rules()).isEqualTo(new ReservationRules(true, false, true));
    }

    @Test
    void exportNamesEveryFieldInEachFormat() {
        createSample();
        String csv = exchange.export(ExchangeFormat.CSV);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("record,cidr,parent,gateway,excluded,reserveNetwork,"
                + "reserveGateway,reserveBroadcast,description,name,subnet,kind,prefixLength,range,quarantineSeconds");
        assertThat(csv).contains("subnet,10.20.4.0/24,10.20.0.0/16,10.20.4.254,,true,false,true,,,,,,,");
        assertThat(csv).contains("pool,,,,,,,,,customers,10.20.4.0/24,address,,10.20.4.10-10.20.4.200,3600");
        assertThat(csv).contains("pool,,,,,,,,,v6-tenants,2001:db8:7::/48,prefix,64,\"2001:db8:7::-2001:db8:7:ffff:ffff:ffff:ffff:ffff\",0");
        String xml = exchange.export(ExchangeFormat.XML);
        assertThat(xml).startsWith("<ipam>").contains("<excluded>10.20.0.5 10.20.0.10-10.20.0.20</excluded>")
                .contains("&lt;site> &amp; Ω");
        String json = exchange.export(ExchangeFormat.JSON);
        assertThat(json).contains("\"parent\" : \"10.20.0.0/16\"").contains("\"prefixLength\" : 64");
    }

    @Test
    void dryRunChecksEverythingAndChangesNothing() {
        createSample();
        String file = exchange.export(ExchangeFormat.JSON);
        IpamTables.wipe(db.dsl());

        ImportResult result = exchange.importFile(file, ExchangeFormat.JSON, true);

        assertThat(result.accepted()).isTrue();
        assertThat(result.applied()).isFalse();
        assertThat(result.subnets()).isEqualTo(3);
        assertThat(result.pools()).isEqualTo(3);
        assertThat(IpamTables.count(db.dsl(), "subnet")).isZero();
        assertThat(IpamTables.count(db.dsl(), "pool")).isZero();
    }

    @Test
    void importAddsToExistingSubnetsAndRefersToThem() {
        subnets.create(NewSubnet.of("192.0.2.0/24"));
        String csv = """
                record,cidr,parent,gateway,excluded,reserveNetwork,reserveGateway,reserveBroadcast,description,name,subnet,kind,prefixLength,range,quarantineSeconds
                subnet,192.0.2.64/26,192.0.2.0/24,,,true,true,true,,,,,,,
                pool,,,,,,,,,edge,192.0.2.0/24,address,,192.0.2.200-192.0.2.250,0
                """;
        ImportResult result = exchange.importFile(csv, ExchangeFormat.CSV, false);
        assertThat(result.errors()).isEmpty();
        assertThat(subnets.list()).extracting(Subnet::cidr).containsExactly("192.0.2.0/24", "192.0.2.64/26");
        assertThat(pools.findByName("edge")).isPresent();
    }
}
