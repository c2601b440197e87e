package io.routerbridge.lifecycle;

import io.routerbridge.provisioning.ServiceSpec;
import java.util.List;

/**
 * Desired objects another capability keeps on a router besides the lifecycle's services (IPAM's MikroTik
 * integration). They belong to the router's whole desired state, so a whole-router reconcile keeps them and the
 * drift report does not call them extra. Their owners must not be lifecycle service ids.
 */
@FunctionalInterface
public interface AlsoOnRouter {
    AlsoOnRouter NOTHING = routerId -> List.of();

    List<ServiceSpec> specsOn(int routerId);
}
