package io.routerbridge.ipam.integration;

import io.routerbridge.ipam.Assignment;
import java.util.Collection;

/**
 * Where {@link Integrations} keeps pushes that failed, so they are delivered later instead of lost. The newest
 * intent per integration and address wins: a failed push replaces an older pending one, a delivered push drops it.
 */
public interface PushRetries {
    PushRetries NONE = new PushRetries() {
        @Override
        public boolean failed(String integration, String operation, Assignment assignment, String error) {
            return false;
        }

        @Override
        public void delivered(Collection<String> integrations, String address) {
        }
    };

    /** Keeps the failed push for a later attempt; false when this store keeps nothing. */
    boolean failed(String integration, String operation, Assignment assignment, String error);

    /** The integrations took a push of the address just now: whatever older push of it was pending is moot. */
    void delivered(Collection<String> integrations, String address);
}
