package io.routerbridge.ipam.clientarea;

import java.util.Locale;

/**
 * The operator's setting for the client-area IP list: whether clients may unassign their own IPs
 * (default yes, as in seed 001). Kept in mod_routerbridge_setting and enforced by the service.
 */
public final class ClientAreaSettings {
    static final String UNASSIGN_ALLOWED = "client_area.unassign_allowed";

    private final ClientAreaSettingsRepository repository;

    public ClientAreaSettings(ClientAreaSettingsRepository repository) {
        this.repository = repository;
    }

    public boolean unassignAllowed() {
        return repository.value(UNASSIGN_ALLOWED).map(Boolean::parseBoolean).orElse(true);
    }

    public void allowUnassign(boolean allowed) {
        repository.put(UNASSIGN_ALLOWED, Boolean.toString(allowed).toLowerCase(Locale.ROOT));
    }
}
