package io.routerbridge.ipam.netbox;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.SubnetService;
import java.time.Clock;
import java.util.function.Function;
import org.jooq.DSLContext;

/** The subnets a NetBox pull writes, in one transaction, through the same service as the REST API. */
public final class NetBoxPullRepository {
    private final DSLContext dsl;
    private final Clock clock;

    public NetBoxPullRepository(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Runs {@code work} in one transaction with a subnet service bound to it. */
    <T> T inTransaction(Function<SubnetService, T> work) {
        return dsl.transactionResult(cfg -> work.apply(new SubnetService(new SubnetRepository(cfg.dsl()), clock)));
    }
}
