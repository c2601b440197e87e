package io.routerbridge.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** An inclusive range of address values of one family. */
public record AddressRange(BigInteger first, BigInteger last) {

    public AddressRange {
        if (first.signum() < 0 || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("invalid range " + first + ".." + last);
        }
    }

    public static AddressRange single(BigInteger value) {
        return new AddressRange(value, value);
    }

    public BigInteger size() {
        return last.subtract(first).add(BigInteger.ONE);
    }

    public boolean contains(BigInteger value) {
        return first.compareTo(value) <= 0 && value.compareTo(last) <= 0;
    }

    public boolean contains(AddressRange other) {
        return contains(other.first) && contains(other.last);
    }

    public boolean overlaps(AddressRange other) {
        return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /** The part of this range inside {@code bounds}, or null when they do not overlap. */
    public AddressRange clippedTo(AddressRange bounds) {
        if (!overlaps(bounds)) {
            return null;
        }
        return new AddressRange(first.max(bounds.first), last.min(bounds.last));
    }

    /** Sorted, maximal ranges covering exactly the union of the given ranges (adjacent ones merged). */
    public static List<AddressRange> coalesce(Collection<AddressRange> ranges) {
        List<AddressRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(AddressRange::first));
        List<AddressRange> merged = new ArrayList<>();
        for (AddressRange r : sorted) {
            if (!merged.isEmpty()) {
                AddressRange tail = merged.get(merged.size() - 1);
                if (tail.last.add(BigInteger.ONE).compareTo(r.first) >= 0) {
                    merged.set(merged.size() - 1, new AddressRange(tail.first, tail.last.max(r.last)));
                    continue;
                }
            }
            merged.add(r);
        }
        return merged;
    }
}
