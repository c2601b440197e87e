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
 * {@link io.routerbridge.provisioning.RouterCommands} port.
 *
 * <p>Ownership: an object is ours when its {@code comment} starts with an {@link
 * io.routerbridge.provisioning.OwnershipMarker} ({@code rb:<owner>:<role>[:<key>]}). Objects without it are never
 * changed or removed.
 */
package io.routerbridge.provisioning;
