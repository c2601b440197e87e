/**
 * Convergence engine: the database is the truth, routers converge to it.
 *
 * <p>Each service ({@link io.routerbridge.provisioning.VpnNatTenant},
 * {@link io.routerbridge.provisioning.PppoeSubscriber}, {@link io.routerbridge.provisioning.StaticSubscriber})
 * computes the exact RouterOS objects it needs. A {@link io.routerbridge.provisioning.DesiredState} gathers them
 * for one router (whole router, or only some services), {@link io.routerbridge.provisioning.StateReader} reads
 * what the router holds in one pipelined round trip, {@link io.routerbridge.provisioning.Planner} diffs the two
 * into a {@link io.routerbridge.provisioning.Plan} (add / set / remove plus post-apply actions), and
 * {@link io.routerbridge.provisioning.PlanApplier} turns it into API sentences sent in a second pipelined round
 * trip. {@link io.routerbridge.provisioning.Converger} runs the whole cycle against a
 * {@link io.routerbridge.provisioning.RouterPort}.
 *
 * <p>Dependencies: this package uses nothing of the service but the RouterOS client's value type
 * {@link io.routerbridge.routeros.Sentence} (never a connection or session); an ArchUnit test holds this.
 *
 * <p>Ownership: an object is ours when its {@code comment} starts with an {@link
 * io.routerbridge.provisioning.OwnershipMarker} ({@code rb:<owner>:<role>[:<key>]}). Objects without it are never
 * changed or removed; an unowned object holding a value we need (a secret name) is reported as a
 * {@link io.routerbridge.provisioning.Conflict}, never overwritten.
 *
 * <p>Comparison: only the attributes we write and the defaults in {@link io.routerbridge.provisioning.Menu} are
 * compared, after {@link io.routerbridge.provisioning.ValueNormalizer}; in firewall menus a matcher we never write
 * that appears on our rule makes the rule be replaced in place ({@code set} cannot clear it).
 *
 * <p>Rule order: our rules of one owner and chain keep their desired order (accept inside the tenant before the
 * isolation drop). A new owner's rules go before the first unowned rule of the same chain (so a tenant's src-nat
 * precedes a catch-all masquerade); re-added rules go next to the owner's kept rules; unowned rules are never
 * moved.
 *
 * <p>Round trips: {@link io.routerbridge.provisioning.Converger#apply} reads in one pipeline and writes in one
 * pipeline; the write pipeline relies on sentences being executed in the order sent (removals, then sets and adds
 * menu by menu, then session kicks and connection drops).
 */
package io.routerbridge.provisioning;
