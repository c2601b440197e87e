package io.routerbridge.lifecycle;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.routerbridge.errors.ConflictException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** Addresses inside a tenant's private prefix: the first host is the router's end of the tunnels. */
final class TenantAddresses {
    private TenantAddresses() {
    }

    /** The lowest host of the prefix that is neither the network, the gateway, the broadcast nor already used. */
    static String nextFree(String prefix, Collection<String> used) {
        IPAddress network = new IPAddressString(prefix).getAddress().toPrefixBlock();
        Set<String> taken = new HashSet<>(used);
        IPAddress lower = network.getLower().withoutPrefixLength();
        IPAddress upper = network.getUpper().withoutPrefixLength();
        IPAddress gateway = lower.increment(1);
        Iterator<? extends IPAddress> hosts = network.withoutPrefixLength().iterator();
        while (hosts.hasNext()) {
            IPAddress host = hosts.next();
            if (host.equals(lower) || host.equals(gateway) || (host.isIPv4() && host.equals(upper))) {
                continue;
            }
            String text = host.toCanonicalString();
            if (!taken.contains(text)) {
                return text;
            }
        }
        throw new ConflictException("no free address left in " + prefix, "name");
    }
}
