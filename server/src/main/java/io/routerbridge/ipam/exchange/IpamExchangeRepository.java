package io.routerbridge.ipam.exchange;

import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.SubnetService;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jooq.DSLContext;

/**
 * The subnets and pools an export reads and an import writes, through the same services as the REST
 * API. An import runs in one transaction with services bound to it.
 */
public final class IpamExchangeRepository {
    private final DSLContext dsl;
    private final Clock clock;

    public IpamExchangeRepository(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    <T> T read(BiFunction<SubnetService, PoolService, T> work) {
        return work.apply(new SubnetService(new SubnetRepository(dsl), clock), new PoolService(new PoolRepository(dsl), clock));
    }

    /**
     * Runs {@code work} in one transaction and answers its result; the changes are committed only when
     * {@code commit} accepts the result, and rolled back otherwise.
     */
    <T> T inTransaction(BiFunction<SubnetService, PoolService, T> work, Predicate<T> commit) {
        try {
            return dsl.transactionResult(cfg -> {
                T result = work.apply(new SubnetService(new SubnetRepository(cfg.dsl()), clock), new PoolService(new PoolRepository(cfg.dsl()), clock));
                if (!commit.test(result)) {
                    throw new RolledBack(result);
                }
                return result;
            });
        } catch (RolledBack rolledBack) {
            @SuppressWarnings("unchecked")
            T result = (T) rolledBack.result;
            return result;
        }
    }

    /** Carries the result out of the transaction so that it is rolled back. */
    private static final class RolledBack extends RuntimeException {
        private final transient Object result;

        RolledBack(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
