package io.routerbridge.lifecycle;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_PORT_FORWARD;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_SERVICE;
import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_VPN_USER;

import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgePortForward;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeService;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeVpnUser;
import io.routerbridge.persistence.jooq.tables.records.ModRouterbridgeServiceRecord;
import io.routerbridge.provisioning.ServiceStatus;
import io.routerbridge.provisioning.VpnNatTenant;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Persistence of mod_routerbridge_service and the tenant objects hanging off it (VPN users, port forwards). */
public final class ServiceRepository {
    private static final ModRouterbridgeService S = MOD_ROUTERBRIDGE_SERVICE;
    private static final ModRouterbridgeVpnUser U = MOD_ROUTERBRIDGE_VPN_USER;
    private static final ModRouterbridgePortForward F = MOD_ROUTERBRIDGE_PORT_FORWARD;

    private final DSLContext db;
    private static final Logger log = LoggerFactory.getLogger(ServiceRepository.class);
    private final CredentialCipher cipher;

    public ServiceRepository(DSLContext db, CredentialCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    public Optional<ServiceRecord> find(long serviceId) {
        return db.selectFrom(S).where(S.SERVICE_ID.eq(serviceId)).fetchOptional(this::record);
    }

    /** Services of a router, by id, except those whose termination is complete. */
    public List<ServiceRecord> unfinishedOnRouter(int routerId) {
        return db.selectFrom(S)
                .where(S.ROUTER_ID.eq(routerId), DSL.not(S.DESIRED_STATUS.eq(ServiceStatus.TERMINATED.name())
                        .and(S.LAST_OUTCOME.eq(ApplyOutcome.APPLIED.name()))))
                .orderBy(S.SERVICE_ID).fetch(this::record);
    }

    /** Services whose last apply failed and whose retry time has come. */
    public List<Long> dueForRetry(Instant now, int limit) {
        return db.select(S.SERVICE_ID).from(S)
                .where(S.LAST_OUTCOME.eq(ApplyOutcome.FAILED.name()), S.NEXT_RETRY_AT.le(utc(now)))
                .orderBy(S.NEXT_RETRY_AT).limit(limit).fetch(S.SERVICE_ID);
    }

    /**
     * Records the desired state (insert or update); the outcome becomes pending until the router confirms. The
     * public IP, prefix and supernet are only replaced when given (a suspension does not repeat them).
     */
    public void saveDesired(long serviceId, int routerId, Mode mode, ServiceStatus status, String publicIp,
                            String privatePrefix, String tenantSupernet, String wanInterface, String parameters,
                            Instant now) {
        LocalDateTime at = utc(now);
        db.insertInto(S)
                .set(S.SERVICE_ID, serviceId).set(S.ROUTER_ID, routerId).set(S.MODE, mode.name())
                .set(S.DESIRED_STATUS, status.name()).set(S.PUBLIC_IP, publicIp).set(S.PRIVATE_PREFIX, privatePrefix)
                .set(S.TENANT_SUPERNET, tenantSupernet).set(S.WAN_INTERFACE, wanInterface)
                .set(S.PARAMETERS, parameters).set(S.LAST_OUTCOME, ApplyOutcome.PENDING.name())
                .set(S.ATTEMPTS, 0).set(S.CREATED_AT, at).set(S.UPDATED_AT, at)
                .onDuplicateKeyUpdate()
                .set(S.ROUTER_ID, routerId).set(S.MODE, mode.name()).set(S.DESIRED_STATUS, status.name())
                .set(S.PUBLIC_IP, publicIp).set(S.PRIVATE_PREFIX, privatePrefix)
                .set(S.TENANT_SUPERNET, tenantSupernet).set(S.WAN_INTERFACE, wanInterface)
                .set(S.PARAMETERS, parameters).set(S.LAST_OUTCOME, ApplyOutcome.PENDING.name())
                .set(S.UPDATED_AT, at)
                .execute();
    }

    /** pppoe: the subscriber's PPP credentials (the WHMCS service's username and password). */
    public void savePppCredentials(long serviceId, String username, String password, Instant now) {
        db.update(S).set(S.PPP_USERNAME, username).set(S.PPP_PASSWORD_CIPHERTEXT, cipher.encrypt(password))
                .set(S.LAST_OUTCOME, ApplyOutcome.PENDING.name()).set(S.UPDATED_AT, utc(now))
                .where(S.SERVICE_ID.eq(serviceId)).execute();
    }

    public void setDesiredStatus(long serviceId, ServiceStatus status, Instant now) {
        db.update(S).set(S.DESIRED_STATUS, status.name()).set(S.LAST_OUTCOME, ApplyOutcome.PENDING.name())
                .set(S.UPDATED_AT, utc(now)).where(S.SERVICE_ID.eq(serviceId)).execute();
    }

    public void recordApplied(long serviceId, Instant now) {
        recordAppliedAll(List.of(serviceId), now);
    }

    /** {@link #recordApplied} for many services in a few statements (a whole-router reconcile). */
    public void recordAppliedAll(List<Long> serviceIds, Instant now) {
        for (int from = 0; from < serviceIds.size(); from += 1000) {
            List<Long> chunk = serviceIds.subList(from, Math.min(serviceIds.size(), from + 1000));
            db.update(S).set(S.LAST_OUTCOME, ApplyOutcome.APPLIED.name()).setNull(S.LAST_ERROR).set(S.ATTEMPTS, 0)
                    .setNull(S.NEXT_RETRY_AT).set(S.APPLIED_AT, utc(now)).set(S.UPDATED_AT, utc(now))
                    .where(S.SERVICE_ID.in(chunk)).execute();
        }
    }

    /** Counts the failed attempt and schedules the next one. */
    public void recordFailed(long serviceId, String error, Instant nextRetry, Instant now) {
        db.update(S).set(S.LAST_OUTCOME, ApplyOutcome.FAILED.name())
                .set(S.LAST_ERROR, error.length() > 2000 ? error.substring(0, 2000) : error)
                .set(S.ATTEMPTS, S.ATTEMPTS.plus(1)).set(S.NEXT_RETRY_AT, utc(nextRetry)).set(S.UPDATED_AT, utc(now))
                .where(S.SERVICE_ID.eq(serviceId)).execute();
    }

    /** After termination reached the router: the tenant's IPs are gone, so are its users and forwards. */
    public void forgetTenantObjects(long serviceId, Instant now) {
        db.transaction(cfg -> {
            cfg.dsl().deleteFrom(U).where(U.SERVICE_ID.eq(serviceId)).execute();
            cfg.dsl().deleteFrom(F).where(F.SERVICE_ID.eq(serviceId)).execute();
            cfg.dsl().update(S).setNull(S.PUBLIC_IP).setNull(S.PRIVATE_PREFIX).set(S.UPDATED_AT, utc(now))
                    .where(S.SERVICE_ID.eq(serviceId)).execute();
        });
    }

    // ---- VPN users ----

    public List<VpnUserRecord> vpnUsers(long serviceId) {
        return db.selectFrom(U).where(U.SERVICE_ID.eq(serviceId)).orderBy(U.NAME)
                .fetch(row -> new VpnUserRecord(row.getId(), row.getServiceId(), row.getName(),
                        cipher.decrypt(row.getPasswordCiphertext()), row.getRemoteAddress(), row.getDisabled()));
    }

    /**
     * Adds a VPN user; the unique indexes refuse a name already used on the router and an address already used in
     * the tenant (the caller chooses the address and retries with the next one).
     */
    public VpnUserRecord insertVpnUser(long serviceId, int routerId, String name, String password,
                                       String remoteAddress, Instant now) {
        var row = db.newRecord(U);
        row.setServiceId(serviceId);
        row.setRouterId(routerId);
        row.setName(name);
        row.setPasswordCiphertext(cipher.encrypt(password));
        row.setRemoteAddress(remoteAddress);
        row.setDisabled(false);
        row.setCreatedAt(utc(now));
        row.store();
        return new VpnUserRecord(row.getId(), serviceId, name, password, remoteAddress, false);
    }

    public boolean vpnUserNameTaken(int routerId, String name) {
        return db.fetchExists(U, U.ROUTER_ID.eq(routerId), U.NAME.eq(name));
    }

    // ---- port forwards ----

    public List<VpnNatTenant.PortForward> portForwards(long serviceId) {
        return db.selectFrom(F).where(F.SERVICE_ID.eq(serviceId)).orderBy(F.PROTOCOL, F.PUBLIC_PORT)
                .fetch(row -> new VpnNatTenant.PortForward(row.getProtocol(), row.getPublicPort(), row.getPrivateIp(),
                        row.getPrivatePort()));
    }

    private ServiceRecord record(ModRouterbridgeServiceRecord row) {
        return new ServiceRecord(row.getServiceId(), row.getRouterId(), Mode.valueOf(row.getMode()),
                ServiceStatus.valueOf(row.getDesiredStatus()), row.getPublicIp(), row.getPrivatePrefix(),
                row.getTenantSupernet(), row.getWanInterface(), row.getParameters(),
                ApplyOutcome.valueOf(row.getLastOutcome().toUpperCase(Locale.ROOT)), row.getLastError(),
                row.getAttempts(), instant(row.getNextRetryAt()), instant(row.getAppliedAt()), row.getPppUsername(),
                pppPassword(row));
    }

    /**
     * Null when none is stored or it cannot be read (a ciphertext cut by a non-strict session before input limits
     * were checked, or a master key no longer configured): the record stays readable, so WHMCS's Change Password
     * can repair the service and everything else about it still answers.
     */
    private String pppPassword(ModRouterbridgeServiceRecord row) {
        if (row.getPppPasswordCiphertext() == null) {
            return null;
        }
        try {
            return cipher.decrypt(row.getPppPasswordCiphertext());
        } catch (CredentialCipher.CredentialException unreadable) {
            log.warn("service {}: the stored PPP password cannot be read: {}", row.getServiceId(),
                    unreadable.getMessage());
            return null;
        }
    }

    private static Instant instant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
