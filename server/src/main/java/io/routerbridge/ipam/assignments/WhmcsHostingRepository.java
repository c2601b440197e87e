package io.routerbridge.ipam.assignments;

import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;
import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTINGADDONS;
import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTINGCONFIGOPTIONS;

import io.routerbridge.ipam.configuration.ServiceComposition;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/** What we read from and write to WHMCS's own service tables. */
public final class WhmcsHostingRepository {
    private final DSLContext db;

    public WhmcsHostingRepository(DSLContext db) {
        this.db = db;
    }

    /** The service's product and server as given, plus its addons and chosen option values from the database. */
    public ServiceComposition composition(long serviceId, long productId, long serverId) {
        Set<Long> addons = new HashSet<>();
        db.select(TBLHOSTINGADDONS.ADDONID).from(TBLHOSTINGADDONS)
                .where(TBLHOSTINGADDONS.HOSTINGID.eq((int) serviceId))
                .fetch(TBLHOSTINGADDONS.ADDONID).forEach(id -> addons.add(id.longValue()));
        Set<Long> optionValues = new HashSet<>();
        db.select(TBLHOSTINGCONFIGOPTIONS.OPTIONID).from(TBLHOSTINGCONFIGOPTIONS)
                .where(TBLHOSTINGCONFIGOPTIONS.RELID.eq((int) serviceId))
                .fetch(TBLHOSTINGCONFIGOPTIONS.OPTIONID).forEach(id -> optionValues.add(id.longValue()));
        return new ServiceComposition(productId, serverId, addons, optionValues);
    }

    /** Writes the dedicated IP and the other assigned IPs (newline separated, as WHMCS keeps them). */
    public void writeIps(long serviceId, String dedicatedIp, List<String> assignedIps) {
        db.update(TBLHOSTING)
                .set(TBLHOSTING.DEDICATEDIP, dedicatedIp)
                .set(TBLHOSTING.ASSIGNEDIPS, String.join("\n", assignedIps))
                .where(TBLHOSTING.ID.eq((int) serviceId))
                .execute();
    }

    public void clearIps(long serviceId) {
        writeIps(serviceId, "", List.of());
    }

    /** tblhosting.dedicatedip of the service, if the row exists. */
    public Optional<String> dedicatedIp(long serviceId) {
        return db.select(TBLHOSTING.DEDICATEDIP).from(TBLHOSTING).where(TBLHOSTING.ID.eq((int) serviceId))
                .fetchOptional(TBLHOSTING.DEDICATEDIP);
    }
}
