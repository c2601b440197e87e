package io.routerbridge.ipam;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnet;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnetExclusion;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamSubnetRecord;
import org.jooq.DSLContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_LAYOUT_LOCK;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET_EXCLUSION;

/** Creates and lists subnets. Subnets may nest (a child inside its parent) but never otherwise overlap. */
public final class SubnetService {
    private static final ModRouterbridgeIpamSubnet S = MOD_ROUTERBRIDGE_IPAM_SUBNET;
    private static final ModRouterbridgeIpamSubnetExclusion X = MOD_ROUTERBRIDGE_IPAM_SUBNET_EXCLUSION;

    private final DSLContext dsl;
    private final Clock clock;

    public SubnetService(DSLContext dsl) {
        this(dsl, Clock.systemUTC());
    }

    public SubnetService(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    public Subnet create(NewSubnet request) {
        Subnet subnet = Subnet.define(request);
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            lockLayout(tx);
            Set<Long> ancestors = checkParent(tx, subnet);
            for (ModRouterbridgeIpamSubnetRecord other : tx.selectFrom(S)
                    .where(S.FAMILY.eq((byte) subnet.family().code()),
                            S.FIRST_VALUE.le(subnet.range().last()),
                            S.LAST_VALUE.ge(subnet.range().first()))
                    .fetch()) {
                if (!ancestors.contains(other.getId())) {
                    throw new IpamValidationException("cidr", "subnet " + subnet.cidr() + " overlaps subnet "
                            + other.getCidr() + " (id " + other.getId() + ")"
                            + (other.getFirstValue().compareTo(subnet.range().first()) <= 0
                            && other.getLastValue().compareTo(subnet.range().last()) >= 0
                            ? "; make it the parent" : ""));
                }
            }
            ModRouterbridgeIpamSubnetRecord row = tx.newRecord(S);
            row.setCidr(subnet.cidr());
            row.setFamily((byte) subnet.family().code());
            row.setPrefixLength((short) subnet.prefixLength());
            row.setFirstValue(subnet.range().first());
            row.setLastValue(subnet.range().last());
            row.setParentId(subnet.parentId());
            row.setGateway(subnet.gateway());
            row.setReserveNetwork(subnet.rules().network());
            row.setReserveGateway(subnet.rules().gateway());
            row.setReserveBroadcast(subnet.rules().broadcast());
            row.setDescription(subnet.description());
            row.setCreatedAt(IpamRows.utc(clock.instant()));
            row.store();
            for (AddressRange excluded : subnet.exclusions()) {
                tx.insertInto(X, X.SUBNET_ID, X.FIRST_VALUE, X.LAST_VALUE)
                        .values(row.getId(), excluded.first(), excluded.last())
                        .execute();
            }
            return subnet.withId(row.getId());
        });
    }

    public Subnet get(long id) {
        return find(dsl, id);
    }

    public List<Subnet> list() {
        Map<Long, List<AddressRange>> exclusions = dsl.selectFrom(X).orderBy(X.SUBNET_ID, X.FIRST_VALUE).fetch()
                .stream()
                .collect(Collectors.groupingBy(r -> r.getSubnetId(),
                        Collectors.mapping(r -> new AddressRange(r.getFirstValue(), r.getLastValue()),
                                Collectors.toList())));
        List<Subnet> subnets = new ArrayList<>();
        for (ModRouterbridgeIpamSubnetRecord r : dsl.selectFrom(S).orderBy(S.FAMILY, S.FIRST_VALUE, S.PREFIX_LENGTH).fetch()) {
            subnets.add(IpamRows.subnet(r, exclusions.getOrDefault(r.getId(), List.of())));
        }
        return subnets;
    }

    static Subnet find(DSLContext ctx, long id) {
        ModRouterbridgeIpamSubnetRecord r = ctx.selectFrom(S).where(S.ID.eq(id)).fetchOne();
        if (r == null) {
            throw new IpamNotFoundException("subnet", id);
        }
        List<AddressRange> exclusions = ctx.selectFrom(X).where(X.SUBNET_ID.eq(id)).orderBy(X.FIRST_VALUE).fetch()
                .map(x -> new AddressRange(x.getFirstValue(), x.getLastValue()));
        return IpamRows.subnet(r, exclusions);
    }

    /** Serialises changes of the address layout (subnets and pools) so overlap checks cannot race. */
    static void lockLayout(DSLContext tx) {
        tx.selectFrom(MOD_ROUTERBRIDGE_IPAM_LAYOUT_LOCK).where(MOD_ROUTERBRIDGE_IPAM_LAYOUT_LOCK.NAME.eq("layout"))
                .forUpdate().fetch();
    }

    /** The declared parent and its ancestors: the only subnets the new one may overlap. */
    private static Set<Long> checkParent(DSLContext tx, Subnet subnet) {
        Set<Long> ancestors = new HashSet<>();
        if (subnet.parentId() == null) {
            return ancestors;
        }
        ModRouterbridgeIpamSubnetRecord parent = tx.selectFrom(S).where(S.ID.eq(subnet.parentId())).fetchOne();
        if (parent == null) {
            throw new IpamValidationException("parentId", "parent subnet " + subnet.parentId() + " does not exist");
        }
        boolean inside = parent.getFamily() == subnet.family().code()
                && parent.getPrefixLength() < subnet.prefixLength()
                && parent.getFirstValue().compareTo(subnet.range().first()) <= 0
                && parent.getLastValue().compareTo(subnet.range().last()) >= 0;
        if (!inside) {
            throw new IpamValidationException("cidr", "subnet " + subnet.cidr() + " is not inside its parent "
                    + parent.getCidr());
        }
        for (ModRouterbridgeIpamSubnetRecord p = parent; p != null;
             p = p.getParentId() == null ? null : tx.selectFrom(S).where(S.ID.eq(p.getParentId())).fetchOne()) {
            if (!ancestors.add(p.getId())) {
                break;
            }
        }
        return ancestors;
    }
}
