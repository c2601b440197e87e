package io.routerbridge.ipam.netbox;

import java.util.List;

/**
 * What a pull from NetBox did. Prefixes that already exist as subnets are left as they are; IP
 * addresses only become exclusions of subnets created by the same pull (see {@link NetBoxPull}).
 */
public record NetBoxPullReport(int subnetsCreated, int subnetsAlreadyPresent, int prefixesSkipped,
                               int addressesExcluded, int addressesIgnored, List<String> notes) {
    public NetBoxPullReport {
        notes = List.copyOf(notes);
    }
}
