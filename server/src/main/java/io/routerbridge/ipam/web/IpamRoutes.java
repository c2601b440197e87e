package io.routerbridge.ipam.web;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.errors.NotFoundException;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.http.ErrorMapper;
import io.routerbridge.ipam.AssignmentSearch;
import io.routerbridge.ipam.IpamException;
import io.routerbridge.ipam.IpamInUseException;
import io.routerbridge.ipam.IpamNotFoundException;
import io.routerbridge.ipam.IpamRemoval;
import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.PoolExhaustedException;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.assignments.Assignments;

/** IPAM's part of /api/v1: subnets, pools and assignments. */
public final class IpamRoutes implements ApiRoutes {
    private final SubnetEndpoints subnets;
    private final PoolEndpoints pools;
    private final AssignmentEndpoints assignments;

    public IpamRoutes(SubnetService subnetService, PoolService poolService, Assignments assignments,
                      AssignmentSearch assignmentSearch, IpamRemoval removal) {
        this.subnets = new SubnetEndpoints(subnetService, removal);
        this.pools = new PoolEndpoints(poolService, removal);
        this.assignments = new AssignmentEndpoints(assignments, assignmentSearch);
    }

    @Override
    public void addRoutes() {
        path("subnets", () -> {
            get(subnets::list);
            post(subnets::create);
            path("{id}", () -> {
                get(subnets::get);
                delete(subnets::delete);
            });
        });
        path("pools", () -> {
            get(pools::list);
            post(pools::create);
            path("{id}", () -> {
                get(pools::get);
                delete(pools::delete);
            });
        });
        path("assignments", () -> {
            get(assignments::list);
            post(assignments::assign);
            path("{id}", () -> {
                get(assignments::get);
                delete(assignments::unassign);
            });
        });
    }

    @Override
    public void translateErrors(ErrorMapper errors) {
        errors.translate(IpamValidationException.class, e -> new InvalidInputException(e.getMessage(), e.field()));
        errors.translate(IpamNotFoundException.class, e -> new NotFoundException(e.getMessage()));
        errors.translate(PoolExhaustedException.class, e -> new ConflictException(e.getMessage(), "poolId"));
        errors.translate(IpamInUseException.class, e -> new ConflictException(e.getMessage()));
        errors.translate(IpamException.class, e -> new InvalidInputException(e.getMessage()));
    }
}
