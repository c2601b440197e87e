package io.routerbridge.ipam.sync;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.routerbridge.ipam.AddressText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address notations found in {@code tblhosting.dedicatedip} (one address) and
 * {@code assignedips} (one per line; commas, semicolons and blanks are tolerated as separators).
 */
public final class HostingText {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

    private HostingText() {
    }

    /** The non-empty tokens of both columns, dedicatedip first. */
    public static List<String> tokens(String dedicatedIp, String assignedIps) {
        List<String> tokens = new ArrayList<>();
        for (String column : new String[] {dedicatedIp, assignedIps}) {
            if (column == null) {
                continue;
            }
            for (String token : SEPARATORS.split(column.trim())) {
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }

    /** An address ("192.0.2.7", "2001:db8::1") or an aligned block ("2001:db8:1::/48"); empty when not one. */
    public static Optional<Block> parse(String token) {
        IPAddressString text = AddressText.strict(token);
        IPAddress address = text.getAddress();
        if (address == null) {
            return Optional.empty();
        }
        int bits = address.getBitCount();
        if (!text.isPrefixed()) {
            return address.isMultiple() ? Optional.empty()
                    : Optional.of(new Block(address.isIPv4() ? 4 : 6, address.getValue(), address.getValue(), bits));
        }
        int prefix = address.getNetworkPrefixLength();
        IPAddress block = address.toPrefixBlock();
        if (!block.getLower().getValue().equals(address.getLower().getValue())) {
            return Optional.empty();
        }
        return Optional.of(new Block(address.isIPv4() ? 4 : 6, block.getLower().getValue(), block.getUpper().getValue(),
                prefix));
    }

    /** Whether the columns mention the block starting at {@code first} (as an address or as a block). */
    public static boolean mentions(String dedicatedIp, String assignedIps, int family, BigInteger first) {
        for (String token : tokens(dedicatedIp, assignedIps)) {
            Optional<Block> block = parse(token);
            if (block.isPresent() && block.get().family() == family && block.get().first().equals(first)) {
                return true;
            }
        }
        return false;
    }

    /** The columns without the tokens naming the block at {@code first}; other text is kept as it was. */
    public static String without(String column, int family, BigInteger first, boolean lineSeparated) {
        if (column == null || column.isBlank()) {
            return column == null ? "" : column;
        }
        List<String> kept = new ArrayList<>();
        boolean removed = false;
        for (String token : SEPARATORS.split(column.trim())) {
            Optional<Block> block = parse(token);
            if (block.isPresent() && block.get().family() == family && block.get().first().equals(first)) {
                removed = true;
            } else if (!token.isEmpty()) {
                kept.add(token);
            }
        }
        if (!removed) {
            return column;
        }
        return String.join(lineSeparated ? "\n" : " ", kept);
    }

    /** family is 4 or 6, like AddressFamily codes' meaning (IPv4 / IPv6). */
    public record Block(int family, BigInteger first, BigInteger last, int prefixLength) {
    }
}
