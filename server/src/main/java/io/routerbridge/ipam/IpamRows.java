package io.routerbridge.ipam;

import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamAssignmentRecord;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamPoolRecord;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIpamSubnetRecord;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Conversions between the generated IPAM records and the domain types. Timestamps are stored in UTC. */
final class IpamRows {
    private IpamRows() {
    }

    static Subnet subnet(ModRouterbridgeIpamSubnetRecord r, List<AddressRange> exclusions) {
        return new Subnet(r.getId(), r.getCidr(), AddressFamily.fromCode(r.getFamily()), r.getPrefixLength(),
                new AddressRange(r.getFirstValue(), r.getLastValue()), r.getParentId(), r.getGateway(), exclusions,
                new ReservationRules(r.getReserveNetwork(), r.getReserveGateway(), r.getReserveBroadcast()),
                r.getDescription());
    }

    static Pool pool(ModRouterbridgeIpamPoolRecord r) {
        return new Pool(r.getId(), r.getName(), r.getSubnetId(), AddressFamily.fromCode(r.getFamily()),
                PoolKind.valueOf(r.getKind()), r.getBlockPrefixLength(),
                new AddressRange(r.getFirstValue(), r.getLastValue()), Duration.ofSeconds(r.getQuarantineSeconds()));
    }

    static Assignment assignment(ModRouterbridgeIpamAssignmentRecord r) {
        return new Assignment(r.getId() == null ? 0 : r.getId(), r.getPoolId(), r.getSubnetId(), r.getServiceId(),
                AddressFamily.fromCode(r.getFamily()), r.getAddress(), r.getPrefixLength(),
                new AddressRange(r.getFirstValue(), r.getLastValue()), AssignmentStatus.valueOf(r.getStatus()),
                instant(r.getAssignedAt()), instant(r.getReleasedAt()), instant(r.getReusableAt()));
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** Duplicate key, deadlock or lock wait timeout: the transaction can simply be run again. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                int code = sql.getErrorCode();
                if (code == 1062 || code == 1213 || code == 1205 || "40001".equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
