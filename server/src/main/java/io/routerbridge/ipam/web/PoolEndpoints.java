package io.routerbridge.ipam.web;

import static io.routerbridge.http.ApiRequests.body;
import static io.routerbridge.http.ApiRequests.pathId;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.ipam.IpamRemoval;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.PoolService;
import java.util.List;
import java.util.Optional;

/** /api/v1/pools. */
final class PoolEndpoints {
    private final PoolService pools;
    private final IpamRemoval removal;

    PoolEndpoints(PoolService pools, IpamRemoval removal) {
        this.pools = pools;
        this.removal = removal;
    }

    /** Filters: subnetId, kind (address or prefix). */
    void list(Context ctx) {
        Optional<Long> subnetId = ApiRequests.queryId(ctx, "subnetId");
        Optional<PoolKind> kind = ApiRequests.queryEnum(ctx, "kind", PoolKind.class);
        List<Pool> found = subnetId.map(pools::listBySubnet).orElseGet(pools::list).stream()
                .filter(pool -> kind.isEmpty() || pool.kind() == kind.get())
                .toList();
        ctx.json(PoolView.of(found));
    }

    void create(Context ctx) {
        Pool created = pools.create(body(ctx, PoolBody.class).toNewPool());
        ctx.status(201).json(PoolView.of(created));
    }

    void get(Context ctx) {
        ctx.json(PoolView.of(pools.get(pathId(ctx, "id"))));
    }

    void delete(Context ctx) {
        removal.removePool(pathId(ctx, "id"));
        ctx.status(204);
    }
}
