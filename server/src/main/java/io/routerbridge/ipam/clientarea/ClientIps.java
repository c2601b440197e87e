package io.routerbridge.ipam.clientarea;

import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.ForbiddenException;
import io.routerbridge.errors.NotFoundException;
import io.routerbridge.ipam.actionlog.ActionLog;
import io.routerbridge.ipam.actionlog.Actor;
import io.routerbridge.ipam.orphans.AssignmentReleaser;
import io.routerbridge.ipam.orphans.HeldBlock;
import io.routerbridge.ipam.orphans.HeldBlocks;
import io.routerbridge.ipam.orphans.ReleaseResult;
import io.routerbridge.whmcs.client.OwnedService;
import java.util.List;

/**
 * The client area's IP list (seed 001 §13): a client's services with their IPs, and unassigning one of
 * them, which releases it like an orphan release does (integrations told, tblhosting cleared, action
 * logged with the client as actor).
 */
public final class ClientIps {
    static final String NO_SUCH_ASSIGNMENT = "no such IP on this service";

    private final ClientIpRepository repository;
    private final HeldBlocks heldBlocks;
    private final AssignmentReleaser releaser;
    private final ClientAreaSettings settings;

    public ClientIps(ClientIpRepository repository, HeldBlocks heldBlocks, AssignmentReleaser releaser,
                     ClientAreaSettings settings) {
        this.repository = repository;
        this.heldBlocks = heldBlocks;
        this.releaser = releaser;
        this.settings = settings;
    }

    public ClientIpList of(long clientId) {
        return new ClientIpList(clientId, settings.unassignAllowed(), repository.servicesOf(clientId));
    }

    public ClientIpList of(OwnedService service) {
        List<ClientService> found = repository.service(service.serviceId())
                .filter(s -> s.clientId() == service.clientId())
                .stream().toList();
        return new ClientIpList(service.clientId(), settings.unassignAllowed(), found);
    }

    public ReleaseResult unassign(OwnedService service, long assignmentId) {
        if (!settings.unassignAllowed()) {
            throw new ForbiddenException("unassigning IPs in the client area is turned off; please contact support");
        }
        HeldBlock block = heldBlocks.assigned(List.of(assignmentId)).stream()
                .filter(held -> held.serviceId() == service.serviceId())
                .findFirst()
                .orElseThrow(() -> new NotFoundException(NO_SUCH_ASSIGNMENT, "assignmentId"));
        if (repository.service(service.serviceId()).map(ClientService::routerManaged).orElse(false)) {
            throw new ConflictException(block.address() + " is part of this service's router configuration; "
                    + "it is released when the service is terminated", "assignmentId");
        }
        ReleaseResult result = releaser.release(block, Actor.client(service.clientId()), ActionLog.UNASSIGN,
                "unassigned by the client in the client area");
        if (!result.released()) {
            throw new NotFoundException(NO_SUCH_ASSIGNMENT, "assignmentId");
        }
        return result;
    }
}
