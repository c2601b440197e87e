package io.routerbridge.announcements;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_ENTRY;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_PENDING;
import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;
import static io.routerbridge.persistence.whmcs.Tables.TBLPRODUCTS;

import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeIntegrationMikrotikEntryRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The integration's desired state (what is announced on which router), and the WHMCS product module of a service. */
final class AnnouncementRepository {
    private final DSLContext dsl;

    AnnouncementRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What {@link #record} replaced: the service's earlier record of the address, and stale records of others. */
    record Replaced(Optional<Announcement> previous, List<Announcement> displaced) {
    }

    /**
     * Records the service's address on the router, replacing an earlier record of it (another router or list) and
     * any stale record of the same address on that router for another service: IPAM gives an address to one
     * service at a time, so only the newest holder keeps it.
     */
    Replaced record(int routerId, long serviceId, String address, String addressList, String gatewayInterface,
                    Instant now) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_ENTRY;
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Optional<Announcement> previous = tx.selectFrom(t)
                    .where(t.SERVICE_ID.eq(serviceId), t.ADDRESS.eq(address)).forUpdate()
                    .fetchOptional(AnnouncementRepository::toAnnouncement);
            List<Announcement> displaced = tx.selectFrom(t)
                    .where(t.ROUTER_ID.eq(routerId), t.ADDRESS.eq(address), t.SERVICE_ID.ne(serviceId)).forUpdate()
                    .fetch(AnnouncementRepository::toAnnouncement);
            displaced.forEach(stale -> tx.deleteFrom(t).where(t.ID.eq(stale.id())).execute());
            LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
            tx.insertInto(t, t.ROUTER_ID, t.SERVICE_ID, t.ADDRESS, t.ADDRESS_LIST, t.GATEWAY_INTERFACE, t.ANNOUNCED_AT)
                    .values(routerId, serviceId, address, addressList, gatewayInterface, at)
                    .onDuplicateKeyUpdate()
                    .set(t.ROUTER_ID, routerId)
                    .set(t.ADDRESS_LIST, addressList)
                    .set(t.GATEWAY_INTERFACE, gatewayInterface)
                    .execute();
            return new Replaced(previous, displaced);
        });
    }

    /** Forgets the service's address; returns the record that was removed, if any. */
    Optional<Announcement> forget(long serviceId, String address) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_ENTRY;
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Optional<Announcement> existing = tx.selectFrom(t)
                    .where(t.SERVICE_ID.eq(serviceId), t.ADDRESS.eq(address)).forUpdate()
                    .fetchOptional(AnnouncementRepository::toAnnouncement);
            existing.ifPresent(found -> tx.deleteFrom(t).where(t.ID.eq(found.id())).execute());
            return existing;
        });
    }

    List<Announcement> ofServiceOnRouter(long serviceId, int routerId) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_ENTRY;
        return dsl.selectFrom(t).where(t.SERVICE_ID.eq(serviceId), t.ROUTER_ID.eq(routerId)).orderBy(t.ID)
                .fetch(AnnouncementRepository::toAnnouncement);
    }

    /** Newest first, so a caller keeping the first of clashing records keeps the newest. */
    List<Announcement> onRouter(int routerId) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_ENTRY;
        return dsl.selectFrom(t).where(t.ROUTER_ID.eq(routerId)).orderBy(t.ID.desc())
                .fetch(AnnouncementRepository::toAnnouncement);
    }

    /** A router did not take the service's announcements: retry later, each time waiting longer (up to a cap). */
    void markPending(int routerId, long serviceId, String error, Instant now, Duration firstDelay, Duration maxDelay) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_PENDING;
        Integer attempts = dsl.select(t.ATTEMPTS).from(t).where(t.ROUTER_ID.eq(routerId), t.SERVICE_ID.eq(serviceId))
                .fetchOne(t.ATTEMPTS);
        int done = attempts == null ? 0 : attempts;
        long seconds = Math.min(firstDelay.getSeconds() << Math.min(done, 16), maxDelay.getSeconds());
        LocalDateTime next = LocalDateTime.ofInstant(now.plusSeconds(seconds), ZoneOffset.UTC);
        dsl.insertInto(t, t.ROUTER_ID, t.SERVICE_ID, t.ATTEMPTS, t.LAST_ERROR, t.NEXT_RETRY_AT)
                .values(routerId, serviceId, 1, error, next)
                .onDuplicateKeyUpdate()
                .set(t.ATTEMPTS, t.ATTEMPTS.plus(1))
                .set(t.LAST_ERROR, error)
                .set(t.NEXT_RETRY_AT, next)
                .execute();
    }

    void clearPending(int routerId, long serviceId) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_PENDING;
        dsl.deleteFrom(t).where(t.ROUTER_ID.eq(routerId), t.SERVICE_ID.eq(serviceId)).execute();
    }

    /** Router id and service id of pending convergences whose retry time has come, oldest first. */
    List<long[]> duePending(Instant now, int limit) {
        var t = MOD_ROUTERBRIDGE_INTEGRATION_MIKROTIK_PENDING;
        return dsl.select(t.ROUTER_ID, t.SERVICE_ID).from(t)
                .where(t.NEXT_RETRY_AT.le(LocalDateTime.ofInstant(now, ZoneOffset.UTC)))
                .orderBy(t.NEXT_RETRY_AT).limit(limit)
                .fetch(row -> new long[] {row.value1(), row.value2()});
    }

    /** tblproducts.servertype of the service's product (the WHMCS server module), if the service exists. */
    Optional<String> productModuleOf(long serviceId) {
        return dsl.select(TBLPRODUCTS.SERVERTYPE).from(TBLHOSTING)
                .join(TBLPRODUCTS).on(TBLPRODUCTS.ID.eq(TBLHOSTING.PACKAGEID))
                .where(TBLHOSTING.ID.eq((int) serviceId))
                .fetchOptional(TBLPRODUCTS.SERVERTYPE);
    }

    private static Announcement toAnnouncement(ModRouterbridgeIntegrationMikrotikEntryRecord row) {
        return new Announcement(row.getId(), row.getRouterId(), row.getServiceId(), row.getAddress(),
                row.getAddressList(), row.getGatewayInterface());
    }
}
