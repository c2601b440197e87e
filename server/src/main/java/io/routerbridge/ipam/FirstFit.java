package io.routerbridge.ipam;

import java.math.BigInteger;

/** Alignment of prefix blocks: a block of 2^n addresses starts at a multiple of 2^n. */
final class FirstFit {
    private FirstFit() {
    }

    /** The first block of {@code size} addresses starting at a multiple of {@code size}, at or after {@code from}. */
    static AddressRange alignedBlockAt(BigInteger from, BigInteger size) {
        BigInteger start = from.add(size).subtract(BigInteger.ONE).divide(size).multiply(size);
        return new AddressRange(start, start.add(size).subtract(BigInteger.ONE));
    }
}
