package io.routerbridge.ipam.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files with problems are refused with line-numbered errors, and the database (which already holds a
 * subnet and a pool) is exactly as before: checked after every test by comparing exports.
 */
class BadImportFilesTest {
    private static final String HEADER = "record,cidr,parent,gateway,excluded,reserveNetwork,reserveGateway,"
            + "reserveBroadcast,description,name,subnet,kind,prefixLength,range,quarantineSeconds\n";

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static IpamExchange exchange;
    private static String before;

    @BeforeAll
    static void existingLayout() {
        exchange = new IpamExchange(new IpamExchangeRepository(db.dsl(), Clock.systemUTC()));
        Subnet existing = new SubnetService(new SubnetRepository(db.dsl())).create(NewSubnet.of("172.16.0.0/24").withGateway("172.16.0.1"));
        new PoolService(new PoolRepository(db.dsl())).create(NewPool.addresses("existing", existing.id()));
        before = exchange.export(ExchangeFormat.JSON);
    }

    @AfterEach
    void nothingChanged() {
        assertThat(exchange.export(ExchangeFormat.JSON)).isEqualTo(before);
        assertThat(IpamTables.count(db.dsl(), "subnet")).isEqualTo(1);
    }

    private static ImportResult refused(String file, ExchangeFormat format) {
        ImportResult result = exchange.importFile(file, format, false);
        assertThat(result.accepted()).isFalse();
        assertThat(result.applied()).isFalse();
        return result;
    }

    @Test
    void csvWithWrongColumnsIsRefusedAtLineOne() {
        ImportResult result = refused("record,cidr,netmask\nsubnet,10.9.0.0/24,255.255.255.0\n", ExchangeFormat.CSV);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.message()).contains("missing: parent").contains("unknown: netmask");
        });
    }

    @Test
    void invalidCidrNamesItsLineAndFieldAndEarlierGoodLinesAreRolledBack() {
        String csv = HEADER
                + "subnet,10.9.0.0/24,,,,true,true,true,,,,,,,\n"
                + "subnet,10.9.1.0/33,,,,true,true,true,,,,,,,\n"
                + "subnet,10.9.2.7/24,,,,true,true,true,,,,,,,\n";
        ImportResult result = refused(csv, ExchangeFormat.CSV);
        assertThat(result.errors()).extracting(ImportProblem::line, ImportProblem::field)
                .containsExactly(tuple(3, "cidr"), tuple(4, "cidr"));
        assertThat(result.errors().get(1).message()).contains("not a network address");
    }

    @Test
    void overlappingSubnetsAreRefused() {
        String csv = HEADER
                + "subnet,10.9.0.0/24,,,,true,true,true,,,,,,,\n"
                + "subnet,10.9.0.128/25,,,,true,true,true,,,,,,,\n"
                + "subnet,172.16.0.0/23,,,,true,true,true,,,,,,,\n";
        ImportResult result = refused(csv, ExchangeFormat.CSV);
        assertThat(result.errors()).extracting(ImportProblem::line, ImportProblem::field)
                .containsExactly(tuple(3, "cidr"), tuple(4, "cidr"));
        assertThat(result.errors().get(0).message()).contains("overlaps subnet 10.9.0.0/24");
    }

    @Test
    void poolOnUnknownSubnetAndDuplicatePoolNamesAreRefused() {
        String json = """
                {
                  "subnets" : [ {
                    "cidr" : "10.9.0.0/24"
                  } ],
                  "pools" : [ {
                    "name" : "a",
                    "subnet" : "10.9.0.0/24",
                    "range" : "10.9.0.10-10.9.0.20"
                  }, {
                    "name" : "b",
                    "subnet" : "10.99.0.0/24"
                  }, {
                    "name" : "a",
                    "subnet" : "10.9.0.0/24",
                    "range" : "10.9.0.100-10.9.0.120"
                  }, {
                    "name" : "existing",
                    "subnet" : "10.9.0.0/24",
                    "range" : "10.9.0.200-10.9.0.220"
                  } ]
                }
                """;
        ImportResult result = refused(json, ExchangeFormat.JSON);
        assertThat(result.errors()).extracting(ImportProblem::line, ImportProblem::field)
                .containsExactly(tuple(9, "subnet"), tuple(12, "name"), tuple(16, "name"));
        assertThat(result.errors().get(0).message()).contains("10.99.0.0/24");
        assertThat(result.errors().get(1).message()).contains("already exists");
    }

    @Test
    void truncatedJsonIsRefusedWithItsLine() {
        ImportResult result = refused("{\n  \"subnets\" : [ {\n    \"cidr\" : \"10.9.0.0/24\"\n  }, {\n",
                ExchangeFormat.JSON);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.message()).startsWith("not valid JSON");
        });
    }

    @Test
    void truncatedXmlIsRefusedWithItsLine() {
        ImportResult result = refused("<ipam>\n  <subnets>\n    <subnet>\n      <cidr>10.9.0.0/24</cidr>\n    </sub",
                ExchangeFormat.XML);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.message()).startsWith("not valid XML");
        });
    }

    @Test
    void badFieldValuesInXmlAreReportedPerLine() {
        String xml = """
                <ipam>
                  <subnets>
                    <subnet>
                      <cidr>10.9.0.0/24</cidr>
                      <reserveNetwork>maybe</reserveNetwork>
                    </subnet>
                    <subnet>
                      <cidr>10.9.1.0/24</cidr>
                      <gateway>10.9.2.1</gateway>
                      <colour>red</colour>
                    </subnet>
                  </subnets>
                  <pools>
                    <pool>
                      <name>p</name>
                      <subnet>10.9.1.0/24</subnet>
                      <kind>block</kind>
                    </pool>
                  </pools>
                </ipam>
                """;
        ImportResult result = refused(xml, ExchangeFormat.XML);
        assertThat(result.errors()).extracting(ImportProblem::line, ImportProblem::field)
                .containsExactly(tuple(3, "reserveNetwork"), tuple(7, "colour"), tuple(14, "kind"));
    }

    @Test
    void gatewayOutsideItsSubnetIsRefusedEvenInADryRun() {
        String csv = HEADER + "subnet,10.9.0.0/24,,10.9.1.1,,true,true,true,,,,,,,\n";
        ImportResult result = exchange.importFile(csv, ExchangeFormat.CSV, true);
        assertThat(result.dryRun()).isTrue();
        assertThat(result.errors()).extracting(ImportProblem::line, ImportProblem::field).containsExactly(tuple(2, "gateway"));
    }
}
