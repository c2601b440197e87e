package io.routerbridge.ipam.sync;

import static io.routerbridge.ipam.sync.SyncOutcome.ALREADY_ASSIGNED;
import static io.routerbridge.ipam.sync.SyncOutcome.ASSIGNED;
import static io.routerbridge.ipam.sync.SyncOutcome.CONFLICT;
import static io.routerbridge.ipam.sync.SyncOutcome.INVALID_TEXT;
import static io.routerbridge.ipam.sync.SyncOutcome.NOT_IN_ANY_SUBNET;
import static io.routerbridge.ipam.sync.SyncOutcome.OUTSIDE_POOLS;
import static io.routerbridge.ipam.sync.SyncOutcome.RESERVED;
import static io.routerbridge.ipam.sync.SyncOutcome.SERVICE_HOLDS_OTHER;
import static io.routerbridge.ipam.sync.SyncOutcome.SKIPPED_STATUS;
import static io.routerbridge.ipam.sync.SyncOutcome.WRONG_BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.AddressRange;
import io.routerbridge.ipam.PoolKind;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sync's decisions without a database. IPAM holds 192.0.2.0/24 with an address pool (id 1) over
 * 192.0.2.0-127 whose .0-.1 are reserved, .20 held by service 50 and .21 in quarantine after service
 * 51; and 2001:db8::/48 with a /56 prefix pool (id 2) over 2001:db8:0:100::-2001:db8:0:3ff:ffff:ffff:ffff:ffff.
 */
class SyncClassifierTest {
    private static final IpamHoldings.PoolSpace ADDRESSES = new IpamHoldings.PoolSpace(1, 10, AddressFamily.IPV4,
            PoolKind.ADDRESS, 32, range("192.0.2.0", "192.0.2.127"));
    private static final IpamHoldings.PoolSpace PREFIXES = new IpamHoldings.PoolSpace(2, 20, AddressFamily.IPV6,
            PoolKind.PREFIX, 56, range("2001:db8:0:100::", "2001:db8:0:3ff:ffff:ffff:ffff:ffff"));

    private static IpamHoldings holdings() {
        return new IpamHoldings(List.of(ADDRESSES, PREFIXES),
                List.of(new IpamHoldings.SubnetSpace(4, range("192.0.2.0", "192.0.2.255")),
                        new IpamHoldings.SubnetSpace(6, range("2001:db8::", "2001:db8:0:ffff:ffff:ffff:ffff:ffff"))),
                List.of(new IpamHoldings.LiveBlock(1, value("192.0.2.20"), value("192.0.2.20"), 50L, 50),
                        new IpamHoldings.LiveBlock(1, value("192.0.2.21"), value("192.0.2.21"), null, 51)),
                List.of(new IpamHoldings.OccupiedRun(1, value("192.0.2.0"), value("192.0.2.1")),
                        new IpamHoldings.OccupiedRun(1, value("192.0.2.20"), value("192.0.2.21"))));
    }

    @Test
    void eachAddressGetsTheOutcomeOfWhatIpamHoldsThere() {
        SyncClassifier classifier = new SyncClassifier(true, holdings());

        classifier.classify(new HostingRow(7, "Active", "192.0.2.10",
                "192.0.2.200\n10.9.9.9, bogus;192.0.2.1 192.0.2.20\n192.0.2.21\n192.0.2.8/29\n2001:db8:0:200::/56"));

        assertThat(classifier.items()).extracting(SyncItem::serviceId, SyncItem::status, SyncItem::text, SyncItem::outcome,
                SyncItem::detail).containsExactly(
                tuple(7L, "Active", "192.0.2.10", ASSIGNED, "pool 1"),
                tuple(7L, "Active", "192.0.2.200", OUTSIDE_POOLS, "in a subnet but in none of its pools"),
                tuple(7L, "Active", "10.9.9.9", NOT_IN_ANY_SUBNET, "outside every subnet"),
                tuple(7L, "Active", "bogus", INVALID_TEXT, "not an IP address or CIDR block"),
                tuple(7L, "Active", "192.0.2.1", RESERVED, "reserved or excluded in pool 1"),
                tuple(7L, "Active", "192.0.2.20", CONFLICT, "held by service 50"),
                tuple(7L, "Active", "192.0.2.21", CONFLICT, "in quarantine after service 51"),
                tuple(7L, "Active", "192.0.2.8/29", WRONG_BLOCK_SIZE, "pool 1 hands out single addresses"),
                tuple(7L, "Active", "2001:db8:0:200::/56", ASSIGNED, "pool 2"));
        assertThat(classifier.newAssignments()).extracting(a -> a.pool().id(), SyncClassifier.NewAssignment::serviceId,
                SyncClassifier.NewAssignment::address)
                .containsExactly(tuple(1L, 7L, "192.0.2.10"), tuple(2L, 7L, "2001:db8:0:200::/56"));
    }

    @Test
    void aServiceAlreadyHoldingTheBlockIsLeftAsItIs() {
        SyncClassifier classifier = new SyncClassifier(true, holdings());

        classifier.classify(new HostingRow(50, "Suspended", "192.0.2.20", ""));
        classifier.classify(new HostingRow(50, "Active", "", "192.0.2.30"));

        assertThat(classifier.items()).extracting(SyncItem::outcome, SyncItem::detail).containsExactly(
                tuple(ALREADY_ASSIGNED, "pool 1"),
                tuple(SERVICE_HOLDS_OTHER, "service already holds another block of pool 1"));
        assertThat(classifier.newAssignments()).isEmpty();
        assertThat(classifier.occupiedOfTouchedPools()).isEmpty();
    }

    @Test
    void laterRowsSeeWhatEarlierRowsWereAssigned() {
        SyncClassifier classifier = new SyncClassifier(false, holdings());

        classifier.classify(new HostingRow(1, "Active", "192.0.2.40", ""));
        classifier.classify(new HostingRow(2, "Terminated", "192.0.2.40", "192.0.2.41"));
        classifier.classify(new HostingRow(1, "Active", "192.0.2.40", "192.0.2.42"));

        assertThat(classifier.items()).extracting(SyncItem::serviceId, SyncItem::text, SyncItem::outcome,
                SyncItem::detail).containsExactly(
                tuple(1L, "192.0.2.40", ASSIGNED, "pool 1"),
                tuple(2L, "192.0.2.40", CONFLICT, "held by service 1"),
                tuple(2L, "192.0.2.41", ASSIGNED, "pool 1"),
                tuple(1L, "192.0.2.40", ALREADY_ASSIGNED, "pool 1"),
                tuple(1L, "192.0.2.42", SERVICE_HOLDS_OTHER, "service already holds another block of pool 1"));
        assertThat(classifier.newAssignments()).extracting(SyncClassifier.NewAssignment::serviceId,
                SyncClassifier.NewAssignment::address)
                .containsExactly(tuple(1L, "192.0.2.40"), tuple(2L, "192.0.2.41"));
    }

    @Test
    void liveOnlySkipsEveryAddressOfServicesThatAreNotActiveOrSuspended() {
        SyncClassifier classifier = new SyncClassifier(true, holdings());

        classifier.classify(new HostingRow(4, "Terminated", "192.0.2.13", "bogus"));
        classifier.classify(new HostingRow(5, "Pending", "", ""));

        assertThat(classifier.items()).extracting(SyncItem::serviceId, SyncItem::outcome, SyncItem::detail)
                .containsExactly(tuple(4L, SKIPPED_STATUS, "service is Terminated"),
                        tuple(4L, SKIPPED_STATUS, "service is Terminated"));
        assertThat(classifier.newAssignments()).isEmpty();
    }

    @Test
    void theOccupiedSpaceOfATouchedPoolMergesTheNewBlocksWithWhatWasThere() {
        SyncClassifier classifier = new SyncClassifier(true, holdings());

        classifier.classify(new HostingRow(1, "Active", "192.0.2.2", ""));
        classifier.classify(new HostingRow(2, "Active", "192.0.2.3", ""));
        classifier.classify(new HostingRow(3, "Active", "192.0.2.22", ""));
        classifier.classify(new HostingRow(4, "Active", "192.0.2.100", ""));

        assertThat(classifier.occupiedOfTouchedPools()).containsOnlyKeys(1L);
        assertThat(classifier.occupiedOfTouchedPools().get(1L)).containsExactly(
                range("192.0.2.0", "192.0.2.3"), range("192.0.2.20", "192.0.2.22"), range("192.0.2.100", "192.0.2.100"));
    }

    private static BigInteger value(String address) {
        return HostingText.parse(address).orElseThrow().first();
    }

    private static AddressRange range(String first, String last) {
        return new AddressRange(value(first), value(last));
    }
}
