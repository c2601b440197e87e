package io.routerbridge.ipam.configuration;

import java.util.Set;

/**
 * What a WHMCS service is made of, as far as relations care: its product, its server (0 when none), its addons
 * (tbladdons ids) and the chosen values of its configurable options (tblproductconfigoptionssub ids).
 */
public record ServiceComposition(long productId, long serverId, Set<Long> addonIds, Set<Long> configOptionValueIds) {
    public ServiceComposition {
        addonIds = Set.copyOf(addonIds);
        configOptionValueIds = Set.copyOf(configOptionValueIds);
    }
}
