package io.routerbridge.ipam.configuration;

import io.routerbridge.ipam.IpamNotFoundException;
import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.SubnetService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Configurations and relations (seed 001): which pools a service draws from. A service's pools are those related to
 * its product, its server, its addons and its configurable-option values; a relation to a subnet stands for every
 * pool of that subnet.
 */
public final class Configurations {
    static final int MAX_NAME_LENGTH = 100;

    private final ConfigurationRepository repository;
    private final PoolService pools;
    private final SubnetService subnets;
    private final Clock clock;

    public Configurations(ConfigurationRepository repository, PoolService pools, SubnetService subnets, Clock clock) {
        this.repository = repository;
        this.pools = pools;
        this.subnets = subnets;
        this.clock = clock;
    }

    public Configuration create(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new IpamValidationException("name", "name is required");
        }
        if (clean.length() > MAX_NAME_LENGTH) {
            throw new IpamValidationException("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (repository.findByName(clean).isPresent()) {
            throw new IpamValidationException("name", "a configuration named " + clean + " already exists");
        }
        return repository.insert(clean, clock.instant());
    }

    public Configuration get(long id) {
        return repository.find(id).orElseThrow(() -> new IpamNotFoundException("configuration", id));
    }

    public List<Configuration> list() {
        return repository.all();
    }

    public void delete(long id) {
        if (!repository.delete(id)) {
            throw new IpamNotFoundException("configuration", id);
        }
    }

    /** Adds a relation; the same relation added twice is the same relation. Exactly one of poolId and subnetId. */
    public Relation relate(long configurationId, RelationType type, long targetId, Long poolId, Long subnetId) {
        get(configurationId);
        if (type == null) {
            throw new IpamValidationException("type", "type is required: product, server, addon or configoption");
        }
        if (targetId <= 0) {
            throw new IpamValidationException("targetId", "targetId must be a positive integer");
        }
        if ((poolId == null) == (subnetId == null)) {
            throw new IpamValidationException(poolId == null ? "poolId" : "subnetId",
                    "give exactly one of poolId and subnetId");
        }
        if (poolId != null) {
            requireExisting("poolId", () -> pools.get(poolId));
        } else {
            requireExisting("subnetId", () -> subnets.get(subnetId));
        }
        return repository.findRelation(configurationId, type, targetId, poolId, subnetId)
                .orElseGet(() -> repository.insertRelation(configurationId, type, targetId, poolId, subnetId,
                        clock.instant()));
    }

    public List<Relation> relations(long configurationId) {
        get(configurationId);
        return repository.relationsOf(configurationId);
    }

    public void unrelate(long configurationId, long relationId) {
        if (!repository.deleteRelation(configurationId, relationId)) {
            throw new IpamNotFoundException("relation", relationId);
        }
    }

    /** Every pool related to the service, each once, in relation order (a subnet's pools in name order). */
    public List<Pool> poolsFor(ServiceComposition service) {
        return poolChoicesFor(service).stream().flatMap(List::stream).toList();
    }

    /**
     * The pools related to the service, one group per relation: a pool relation is a group of that pool, a subnet
     * relation a group of the subnet's pools (in name order), which are alternatives: a service takes one block per
     * group, from the first pool with room. A pool already in an earlier group is left out of later ones.
     */
    public List<List<Pool>> poolChoicesFor(ServiceComposition service) {
        Set<Long> seen = new HashSet<>();
        List<List<Pool>> groups = new ArrayList<>();
        for (Relation relation : repository.relationsFor(service)) {
            List<Pool> related = new ArrayList<>();
            if (relation.poolId() != null) {
                try {
                    related.add(pools.get(relation.poolId()));
                } catch (IpamNotFoundException removed) {
                    continue;
                }
            } else {
                related.addAll(pools.listBySubnet(relation.subnetId()));
            }
            related.removeIf(pool -> !seen.add(pool.id()));
            if (!related.isEmpty()) {
                groups.add(List.copyOf(related));
            }
        }
        return List.copyOf(groups);
    }

    private static void requireExisting(String field, Runnable lookup) {
        try {
            lookup.run();
        } catch (IpamNotFoundException e) {
            throw new IpamValidationException(field, e.getMessage());
        }
    }
}
