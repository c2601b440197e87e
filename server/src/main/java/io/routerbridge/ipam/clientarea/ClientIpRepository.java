package io.routerbridge.ipam.clientarea;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;
import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;
import static io.routerbridge.persistence.whmcs.Tables.TBLPRODUCTS;

import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.AssignmentStatus;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamAssignment;
import io.routerbridge.persistence.whmcs.tables.Tblhosting;
import io.routerbridge.persistence.whmcs.tables.Tblproducts;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads a client's services from tblhosting/tblproducts together with the blocks IPAM assigned to them. */
public final class ClientIpRepository {
    /** The server module whose services' addresses belong to the router configuration. */
    static final String ROUTERBRIDGE_MODULE = "routerbridge";

    private static final Tblhosting H = TBLHOSTING;
    private static final Tblproducts P = TBLPRODUCTS;
    private static final ModRouterbridgeIpamAssignment A = MOD_ROUTERBRIDGE_IPAM_ASSIGNMENT;

    private final DSLContext dsl;

    public ClientIpRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Every service of the client, by service id. */
    public List<ClientService> servicesOf(long clientId) {
        return clientId > Integer.MAX_VALUE ? List.of() : find(H.USERID.eq((int) clientId));
    }

    public Optional<ClientService> service(long serviceId) {
        return serviceId > Integer.MAX_VALUE ? Optional.empty() : find(H.ID.eq((int) serviceId)).stream().findFirst();
    }

    private List<ClientService> find(Condition where) {
        var rows = dsl.select(H.ID, H.USERID, P.NAME, P.SERVERTYPE, H.DOMAIN, H.DOMAINSTATUS, H.DEDICATEDIP,
                        H.ASSIGNEDIPS)
                .from(H)
                .leftJoin(P).on(P.ID.eq(H.PACKAGEID))
                .where(where)
                .orderBy(H.ID)
                .fetch();
        List<Long> ids = rows.map(r -> r.get(H.ID).longValue());
        Map<Long, List<HeldAddress>> held = ids.isEmpty() ? Map.of() : dsl.selectFrom(A)
                .where(A.SERVICE_ID.in(ids), A.STATUS.eq(AssignmentStatus.ASSIGNED.name()))
                .orderBy(A.FAMILY, A.FIRST_VALUE)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(a -> a.getServiceId(), Collectors.mapping(a -> new HeldAddress(
                        a.getId(), a.getAddress(), AddressFamily.fromCode(a.getFamily()), a.getPrefixLength(),
                        a.getAssignedAt().toInstant(ZoneOffset.UTC)), Collectors.toList())));
        return rows.map(r -> service(r, held.getOrDefault(r.get(H.ID).longValue(), List.of())));
    }

    private static ClientService service(Record r, List<HeldAddress> addresses) {
        String module = r.get(P.SERVERTYPE);
        return new ClientService(r.get(H.ID), r.get(H.USERID), textOf(r.get(P.NAME)), textOf(r.get(H.DOMAIN)),
                r.get(H.DOMAINSTATUS) == null ? "" : r.get(H.DOMAINSTATUS).getLiteral(),
                ROUTERBRIDGE_MODULE.equals(module), textOf(r.get(H.DEDICATEDIP)).trim(),
                lines(r.get(H.ASSIGNEDIPS)), addresses);
    }

    private static String textOf(String value) {
        return value == null ? "" : value;
    }

    /** tblhosting.assignedips holds one address per line. */
    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::trim)
                .filter(line -> !line.isEmpty()).toList();
    }
}
