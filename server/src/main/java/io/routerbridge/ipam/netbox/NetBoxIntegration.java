package io.routerbridge.ipam.netbox;

import io.routerbridge.ipam.SubnetRepository;
import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.SubnetService;
import io.routerbridge.ipam.integration.IpamIntegration;
import java.time.Clock;
import java.util.Optional;

/**
 * NetBox as configured in the database: its settings, a pull, and the {@link IpamIntegration} the
 * assignment flow calls (which does nothing while NetBox is not configured).
 */
public final class NetBoxIntegration implements IpamIntegration {
    private final NetBoxSettingsRepository repository;
    private final NetBoxPull pull;
    private final SubnetService subnets;
    private final Clock clock;

    public NetBoxIntegration(NetBoxSettingsRepository repository, NetBoxPull pull, SubnetService subnets, Clock clock) {
        this.repository = repository;
        this.pull = pull;
        this.subnets = subnets;
        this.clock = clock;
    }

    public void configure(NetBoxSettings settings, NetBoxReleaseMode releaseMode) {
        repository.save(settings, releaseMode, clock.instant());
    }

    /** The configured URL and release mode; the token is never handed out again. */
    public Optional<NetBoxSettings> settings() {
        return repository.load().map(NetBoxSettingsRepository.Stored::settings);
    }

    public Optional<NetBoxReleaseMode> releaseMode() {
        return repository.load().map(NetBoxSettingsRepository.Stored::releaseMode);
    }

    public NetBoxPullReport pull() {
        NetBoxSettings settings = settings().orElseThrow(NetBoxNotConfiguredException::new);
        return pull.pull(new NetBoxClient(settings));
    }

    @Override
    public String name() {
        return "netbox";
    }

    @Override
    public boolean addIp(Assignment assignment) {
        return push().map(push -> push.addIp(assignment)).orElse(false);
    }

    @Override
    public boolean removeIp(Assignment assignment) {
        return push().map(push -> push.removeIp(assignment)).orElse(false);
    }

    private Optional<NetBoxPush> push() {
        return repository.load().map(stored -> new NetBoxPush(new NetBoxClient(stored.settings()),
                id -> subnets.get(id).prefixLength(), stored.releaseMode()));
    }
}
