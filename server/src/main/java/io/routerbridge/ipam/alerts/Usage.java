package io.routerbridge.ipam.alerts;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How full a pool or subnet is. For a pool, {@code used} is its occupied space (assigned, quarantined,
 * reserved and excluded addresses) out of its range; for a subnet, the sum over its pools (space
 * outside pools cannot be handed out, so it counts neither as used nor as capacity).
 */
public record Usage(String scope, long id, String name, BigInteger used, BigInteger capacity, BigDecimal percent) {
    public static final String POOL = "pool";
    public static final String SUBNET = "subnet";
}
