/**
 * The contracts between the application and its capabilities: a {@link io.routerbridge.platform.Module} per
 * capability declares what it contributes (REST routes, WHMCS functions and hooks, client-area routes, pages,
 * background passes), built from the {@link io.routerbridge.platform.Infrastructure}. Nothing here knows a
 * capability; {@code io.routerbridge.app.Application} lists the modules. See docs/architecture.md.
 */
package io.routerbridge.platform;
