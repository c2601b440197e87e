package io.routerbridge.ipam.exchange;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.ipam.PoolRepository;
import io.routerbridge.ipam.AddressFamily;
import io.routerbridge.ipam.AddressRange;
import io.routerbridge.ipam.IpamException;
import io.routerbridge.ipam.IpamValidationException;
import io.routerbridge.ipam.NewPool;
import io.routerbridge.ipam.NewSubnet;
import io.routerbridge.ipam.Pool;
import io.routerbridge.ipam.PoolKind;
import io.routerbridge.ipam.PoolService;
import io.routerbridge.ipam.ReservationRules;
import io.routerbridge.ipam.Subnet;
import io.routerbridge.ipam.SubnetService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Export and import of subnets and pools. An import is one transaction: every entry goes through the
 * same checks as the REST API (via {@link SubnetService} and {@link PoolService}), and a single problem
 * anywhere rolls the whole file back, so the database is either fully updated or untouched.
 */
public final class IpamExchange {
    private final IpamExchangeRepository repository;

    public IpamExchange(IpamExchangeRepository repository) {
        this.repository = repository;
    }

    public IpamSnapshot snapshot() {
        return repository.read(IpamExchange::snapshot);
    }

    public String export(ExchangeFormat format) {
        return ExchangeCodec.write(snapshot(), format);
    }

    /** Imports {@code file}; nothing is changed when the result has errors or {@code dryRun} is set. */
    public ImportResult importFile(String file, ExchangeFormat format, boolean dryRun) {
        ExchangeCodec.Parsed parsed = ExchangeCodec.read(file == null ? "" : file, format);
        if (!parsed.problems().isEmpty()) {
            return new ImportResult(dryRun, 0, 0, parsed.problems());
        }
        return repository.inTransaction((subnets, pools) -> apply(subnets, pools, parsed, dryRun),
                ImportResult::applied);
    }

    private static ImportResult apply(SubnetService subnets, PoolService pools, ExchangeCodec.Parsed parsed,
                                      boolean dryRun) {
        Map<String, Subnet> byCidr = new HashMap<>();
        subnets.list().forEach(s -> byCidr.put(s.cidr(), s));
        List<ImportProblem> problems = new ArrayList<>();
        int createdSubnets = 0;
        for (Located<SubnetEntry> located : parsed.subnets()) {
            SubnetEntry entry = located.value();
            try {
                Long parentId = null;
                if (entry.parent() != null) {
                    Subnet parent = byCidr.get(canonicalCidr(entry.parent(), "parent"));
                    if (parent == null) {
                        throw new IpamValidationException("parent", "parent " + entry.parent()
                                + " is neither an existing subnet nor one listed before this line");
                    }
                    parentId = parent.id();
                }
                Subnet created = subnets.create(new NewSubnet(entry.cidr(), parentId, entry.gateway(),
                        entry.excluded() == null ? List.of() : Arrays.asList(entry.excluded().trim().split("\\s+")),
                        new ReservationRules(entry.reserveNetwork(), entry.reserveGateway(), entry.reserveBroadcast()),
                        entry.description()));
                byCidr.put(created.cidr(), created);
                createdSubnets++;
            } catch (IpamValidationException e) {
                problems.add(new ImportProblem(located.line(), e.field(), e.getMessage()));
            } catch (IpamException e) {
                problems.add(new ImportProblem(located.line(), null, e.getMessage()));
            }
        }
        int createdPools = 0;
        for (Located<PoolEntry> located : parsed.pools()) {
            PoolEntry entry = located.value();
            try {
                Subnet subnet = byCidr.get(canonicalCidr(entry.subnet(), "subnet"));
                if (subnet == null) {
                    throw new IpamValidationException("subnet", "pool " + entry.name() + " refers to subnet "
                            + entry.subnet() + ", which is neither existing nor in this file");
                }
                pools.create(new NewPool(entry.name(), subnet.id(), PoolKind.valueOf(entry.kind().toUpperCase(Locale.ROOT)),
                        entry.prefixLength(), entry.range(), Duration.ofSeconds(entry.quarantineSeconds())));
                createdPools++;
            } catch (IpamValidationException e) {
                problems.add(new ImportProblem(located.line(), e.field().equals("subnetId") ? "subnet" : e.field(),
                        e.getMessage()));
            } catch (IpamException e) {
                problems.add(new ImportProblem(located.line(), null, e.getMessage()));
            }
        }
        return new ImportResult(dryRun, createdSubnets, createdPools, problems);
    }

    private static String canonicalCidr(String cidr, String field) {
        try {
            return Subnet.define(new NewSubnet(cidr, null, null, List.of(), null, null)).cidr();
        } catch (IpamValidationException e) {
            throw new IpamValidationException(field, field + ": " + e.getMessage());
        }
    }

    private static IpamSnapshot snapshot(SubnetService subnetService, PoolService poolService) {
        List<Subnet> subnets = subnetService.list();
        Map<Long, Subnet> byId = subnets.stream().collect(Collectors.toMap(Subnet::id, s -> s));
        List<SubnetEntry> subnetEntries = new ArrayList<>();
        // list() orders by address, then prefix length: a parent always comes before its children.
        for (Subnet s : subnets) {
            subnetEntries.add(new SubnetEntry(s.cidr(), s.parentId() == null ? null : byId.get(s.parentId()).cidr(),
                    s.gateway(), s.exclusions().isEmpty() ? null : s.exclusions().stream()
                            .map(r -> rangeText(s.family(), r)).collect(Collectors.joining(" ")),
                    s.rules().network(), s.rules().gateway(), s.rules().broadcast(), s.description()));
        }
        List<PoolEntry> poolEntries = new ArrayList<>();
        for (Pool p : poolService.list()) {
            poolEntries.add(new PoolEntry(p.name(), byId.get(p.subnetId()).cidr(), p.kind().name().toLowerCase(Locale.ROOT),
                    p.kind() == PoolKind.PREFIX ? p.blockPrefixLength() : null, rangeText(p.family(), p.range()),
                    p.quarantine().toSeconds()));
        }
        return new IpamSnapshot(subnetEntries, poolEntries);
    }

    private static String rangeText(AddressFamily family, AddressRange range) {
        String first = family.toAddress(range.first()).toCanonicalString();
        return range.first().equals(range.last()) ? first
                : first + "-" + family.toAddress(range.last()).toCanonicalString();
    }
}
