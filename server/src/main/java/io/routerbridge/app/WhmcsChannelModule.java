package io.routerbridge.app;

import io.routerbridge.crypto.RequestSigner;
import io.routerbridge.platform.BackgroundPass;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import io.routerbridge.whmcs.ModuleCallListener;
import io.routerbridge.whmcs.ModuleFunctions;
import io.routerbridge.whmcs.NonceRepository;
import io.routerbridge.whmcs.SignatureVerifier;
import io.routerbridge.whmcs.WhmcsDispatcher;
import io.routerbridge.whmcs.WhmcsHooks;
import io.routerbridge.whmcs.client.ClientServiceRepository;
import io.routerbridge.whmcs.client.ServiceOwnership;
import io.routerbridge.whmcs.web.ClientChannel;
import io.routerbridge.whmcs.web.ClientRoutes;
import io.routerbridge.whmcs.web.WhmcsEndpoints;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed channel from the PHP module ({@code /whmcs}): signature and nonce checks, the module functions and
 * hooks every module registers, the client area's routes. Part of the application's frame rather than a capability:
 * the other modules contribute to it.
 */
public final class WhmcsChannelModule implements Module {
    private static final Logger log = LoggerFactory.getLogger(WhmcsChannelModule.class);

    private final Infrastructure infra;
    private final SignatureVerifier signatureVerifier;
    private final ModuleFunctions moduleFunctions = new ModuleFunctions();
    private final WhmcsHooks hooks = new WhmcsHooks();
    private final List<ModuleCallListener> listeners = new CopyOnWriteArrayList<>();

    public WhmcsChannelModule(Infrastructure infra) {
        this.infra = infra;
        this.signatureVerifier = new SignatureVerifier(
                infra.config().acceptedSharedSecrets().stream().map(RequestSigner::new).toList(),
                new NonceRepository(infra.dsl()), infra.clock());
    }

    public ModuleFunctions moduleFunctions() {
        return moduleFunctions;
    }

    public WhmcsHooks hooks() {
        return hooks;
    }

    public SignatureVerifier signatureVerifier() {
        return signatureVerifier;
    }

    void listen(List<ModuleCallListener> more) {
        listeners.addAll(more);
    }

    /** {@code /whmcs}: the dispatch endpoints and the client area with the given modules' routes. */
    WhmcsEndpoints endpoints(List<ClientRoutes> clientRoutes) {
        WhmcsDispatcher dispatcher = new WhmcsDispatcher(infra.json(), moduleFunctions, hooks,
                (function, params) -> listeners.forEach(listener -> listener.beforeModuleCall(function, params)));
        ClientChannel clients = new ClientChannel(new ServiceOwnership(new ClientServiceRepository(infra.dsl())),
                clientRoutes);
        return new WhmcsEndpoints(signatureVerifier, dispatcher, clients);
    }

    @Override
    public List<BackgroundPass> backgroundPasses() {
        return List.of(new BackgroundPass("nonce-purge", Duration.ZERO, Duration.ofSeconds(60), this::purgeNonces));
    }

    /** Nonces that can no longer be replayed. */
    private void purgeNonces() {
        try {
            int purged = signatureVerifier.purgeExpiredNonces();
            if (purged > 0) {
                log.debug("purged {} expired request nonces", purged);
            }
        } catch (RuntimeException e) {
            log.warn("could not purge request nonces: {}", e.getClass().getSimpleName());
        }
    }
}
