package io.routerbridge.ipam;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_LAYOUT_LOCK;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_POOL;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_SUBNET_EXCLUSION;

import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnet;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamSubnetExclusion;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamSubnetRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Subnets and their excluded ranges ({@code mod_routerbridge_ipam_subnet}, {@code ..._subnet_exclusion}), and
 * the layout lock that serialises changes of subnets and pools.
 */
public final class SubnetRepository {
    private static final ModRouterbridgeIpamSubnet S = MOD_ROUTERBRIDGE_IPAM_SUBNET;
    private static final ModRouterbridgeIpamSubnetExclusion X = MOD_ROUTERBRIDGE_IPAM_SUBNET_EXCLUSION;
    private static final int ROW_IS_REFERENCED = 1451;

    private final DSLContext db;

    public SubnetRepository(DSLContext db) {
        this.db = db;
    }

    /** Runs {@code work} in one transaction, on a repository bound to it. */
    <T> T transaction(Function<SubnetRepository, T> work) {
        return db.transactionResult(cfg -> work.apply(new SubnetRepository(cfg.dsl())));
    }

    /** Serialises changes of the address layout (subnets and pools) so overlap checks cannot race; held until the transaction ends. */
    void lockLayout() {
        db.selectFrom(MOD_ROUTERBRIDGE_IPAM_LAYOUT_LOCK).where(MOD_ROUTERBRIDGE_IPAM_LAYOUT_LOCK.NAME.eq("layout"))
                .forUpdate().fetch();
    }

    /** The subnet with its exclusions. */
    Optional<Subnet> find(long id) {
        ModRouterbridgeIpamSubnetRecord r = db.selectFrom(S).where(S.ID.eq(id)).fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        List<AddressRange> exclusions = db.selectFrom(X).where(X.SUBNET_ID.eq(id)).orderBy(X.FIRST_VALUE).fetch()
                .map(x -> new AddressRange(x.getFirstValue(), x.getLastValue()));
        return Optional.of(subnet(r, exclusions));
    }

    /** The subnet's place in the layout (range, parent), one statement: its exclusions are not read. */
    Optional<Subnet> placement(long id) {
        return Optional.ofNullable(db.selectFrom(S).where(S.ID.eq(id)).fetchOne()).map(r -> subnet(r, List.of()));
    }

    /** The subnets of the family whose ranges overlap {@code range}, by their placement (exclusions not read). */
    List<Subnet> overlapping(AddressFamily family, AddressRange range) {
        return db.selectFrom(S)
                .where(S.FAMILY.eq((byte) family.code()), S.FIRST_VALUE.le(range.last()), S.LAST_VALUE.ge(range.first()))
                .fetch(r -> subnet(r, List.of()));
    }

    /** Every subnet with its exclusions, by family, then address, then prefix length. */
    List<Subnet> all() {
        Map<Long, List<AddressRange>> exclusions = db.selectFrom(X).orderBy(X.SUBNET_ID, X.FIRST_VALUE).fetch()
                .stream()
                .collect(Collectors.groupingBy(r -> r.getSubnetId(),
                        Collectors.mapping(r -> new AddressRange(r.getFirstValue(), r.getLastValue()),
                                Collectors.toList())));
        List<Subnet> subnets = new ArrayList<>();
        for (ModRouterbridgeIpamSubnetRecord r : db.selectFrom(S).orderBy(S.FAMILY, S.FIRST_VALUE, S.PREFIX_LENGTH)
                .fetch()) {
            subnets.add(subnet(r, exclusions.getOrDefault(r.getId(), List.of())));
        }
        return subnets;
    }

    /** Stores the subnet and its exclusions; returns its new id. */
    long insert(Subnet subnet, Instant createdAt) {
        ModRouterbridgeIpamSubnetRecord row = db.newRecord(S);
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
        row.setCreatedAt(AssignmentRepository.utc(createdAt));
        row.store();
        for (AddressRange excluded : subnet.exclusions()) {
            db.insertInto(X, X.SUBNET_ID, X.FIRST_VALUE, X.LAST_VALUE)
                    .values(row.getId(), excluded.first(), excluded.last())
                    .execute();
        }
        return row.getId();
    }

    int poolCount(long subnetId) {
        return db.fetchCount(MOD_ROUTERBRIDGE_IPAM_POOL, MOD_ROUTERBRIDGE_IPAM_POOL.SUBNET_ID.eq(subnetId));
    }

    int childCount(long subnetId) {
        return db.fetchCount(S, S.PARENT_ID.eq(subnetId));
    }

    /**
     * Deletes the subnet with its exclusions; false when a row elsewhere (e.g. a configuration) still refers to
     * it, and then the caller must roll the transaction back.
     */
    boolean delete(long id) {
        return deletedUnlessReferenced(() -> {
            db.deleteFrom(X).where(X.SUBNET_ID.eq(id)).execute();
            db.deleteFrom(S).where(S.ID.eq(id)).execute();
        });
    }

    /** Runs the deletes; false when a foreign key elsewhere refuses one. */
    static boolean deletedUnlessReferenced(Runnable deletes) {
        try {
            deletes.run();
            return true;
        } catch (DataAccessException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getErrorCode() == ROW_IS_REFERENCED) {
                    return false;
                }
            }
            throw e;
        }
    }

    static Subnet subnet(ModRouterbridgeIpamSubnetRecord r, List<AddressRange> exclusions) {
        return new Subnet(r.getId(), r.getCidr(), AddressFamily.fromCode(r.getFamily()), r.getPrefixLength(),
                new AddressRange(r.getFirstValue(), r.getLastValue()), r.getParentId(), r.getGateway(), exclusions,
                new ReservationRules(r.getReserveNetwork(), r.getReserveGateway(), r.getReserveBroadcast()),
                r.getDescription());
    }
}
