package io.routerbridge.lifecycle;

import io.routerbridge.errors.UnavailableException;
import io.routerbridge.fleet.Router;
import io.routerbridge.fleet.RouterAccess;
import io.routerbridge.fleet.RouterRegistry;
import io.routerbridge.routeros.Reply;
import io.routerbridge.routeros.RouterOsException;
import io.routerbridge.routeros.RouterSession;
import io.routerbridge.routeros.Sentence;
import io.routerbridge.whmcs.WhmcsParams;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Read-only questions to the router a module call names: TestConnection and the PPP profile loader. */
public final class RouterProbe {
    private final RouterAccess access;
    private final RouterRegistry routers;

    public RouterProbe(RouterAccess access, RouterRegistry routers) {
        this.access = access;
        this.routers = routers;
    }

    /** Logs in with the given server parameters and reads /system/resource; returns its first row. */
    public Map<String, String> testConnection(WhmcsParams params) {
        return ask(params, Sentence.of("/system/resource/print")).firstRow().orElse(Map.of());
    }

    /** The names of the router's /ppp/profile entries, in the router's order. */
    public List<String> pppProfiles(WhmcsParams params) {
        return ask(params, Sentence.of("/ppp/profile/print").proplist("name")).rows().stream()
                .map(row -> row.get("name")).filter(Objects::nonNull).toList();
    }

    private Reply ask(WhmcsParams params, Sentence command) {
        String pin = params.serverId() > 0
                ? routers.findByWhmcsServer(params.serverId()).map(Router::tlsFingerprintSha256).orElse(null)
                : null;
        RouterSession session = access.session(params, pin);
        try {
            return session.execute(command);
        } catch (RouterOsException e) {
            throw new UnavailableException("router " + session.endpoint().address() + " unreachable: "
                    + e.getMessage());
        }
    }
}
