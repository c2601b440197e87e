package io.routerbridge.ipam.orphans;

import io.routerbridge.ipam.orphans.HeldBlockRepository.HostingAddresses;
import io.routerbridge.ipam.sync.HostingText;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads assigned blocks together with their tblhosting rows; clears addresses from tblhosting. */
public final class HeldBlocks {
    private final HeldBlockRepository repository;

    public HeldBlocks(HeldBlockRepository repository) {
        this.repository = repository;
    }

    /** Every assigned block (not quarantined, not released), by assignment id. */
    public List<HeldBlock> assigned() {
        return repository.assigned();
    }

    public List<HeldBlock> assigned(Collection<Long> assignmentIds) {
        return repository.assigned(assignmentIds);
    }

    /** Every block the service holds now, in every pool. */
    public List<HeldBlock> assignedTo(long serviceId) {
        return repository.assignedTo(serviceId);
    }

    /**
     * Removes the block from the service's dedicatedip/assignedips when they still name it; answers
     * whether tblhosting changed. Re-reads the row so text written meanwhile is kept.
     */
    public boolean clearFromWhmcs(HeldBlock block) {
        Optional<HostingAddresses> now = repository.hostingAddresses(block.serviceId());
        if (now.isEmpty()) {
            return false;
        }
        String dedicated = now.get().dedicatedIp();
        String assigned = now.get().assignedIps();
        String newDedicated = HostingText.without(dedicated, block.family(), block.first(), false);
        String newAssigned = HostingText.without(assigned, block.family(), block.first(), true);
        if (newDedicated.equals(dedicated) && newAssigned.equals(assigned)) {
            return false;
        }
        return repository.replaceHostingAddresses(block.serviceId(), now.get(),
                new HostingAddresses(newDedicated, newAssigned));
    }
}
