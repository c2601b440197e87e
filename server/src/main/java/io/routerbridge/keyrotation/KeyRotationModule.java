package io.routerbridge.keyrotation;

import io.routerbridge.platform.BackgroundPass;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import java.time.Duration;
import java.util.List;

/** Tells {@code rotate-key} that this instance runs and which master keys it reads (mod_routerbridge_instance). */
public final class KeyRotationModule implements Module {
    private final RunningInstances instances;

    public KeyRotationModule(Infrastructure infra) {
        this.instances = new RunningInstances(new InstanceRepository(infra.dsl()), infra.config().masterKeys(),
                infra.clock());
    }

    public RunningInstances instances() {
        return instances;
    }

    @Override
    public List<BackgroundPass> backgroundPasses() {
        return List.of(new BackgroundPass("instance-keys", Duration.ZERO, RunningInstances.HEARTBEAT,
                instances::heartbeat));
    }

    @Override
    public void close() {
        instances.leave();
    }
}
