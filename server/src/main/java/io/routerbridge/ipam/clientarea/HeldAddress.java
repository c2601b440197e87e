package io.routerbridge.ipam.clientarea;

import io.routerbridge.ipam.AddressFamily;
import java.time.Instant;

/** An address or prefix a service holds from IPAM, as its client may see it. */
public record HeldAddress(long assignmentId, String address, AddressFamily family, int prefixLength,
                          Instant assignedAt) {
}
