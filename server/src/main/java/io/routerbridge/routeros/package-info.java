/**
 * Our RouterOS API client: structured sentences ({@link io.routerbridge.routeros.Sentence}), pipelined tagged
 * commands over pooled connections, pinned API-SSL, and a circuit breaker per router.
 *
 * <pre>{@code
 * RouterClients clients = new RouterClients(ClientOptions.defaults());          // one per service; close() on shutdown
 * RouterSession router = clients.session(RouterEndpoint.tls(host, 8729, pinnedSha256, user, password));
 * String id = router.execute(Sentence.of("/ppp/secret/add").with("name", "alice").with("password", secret))
 *         .ret().orElseThrow();
 * List<Map<String, String>> rows = router.execute(Sentence.of("/ppp/active/print")
 *         .whereEquals("name", "alice").proplist(".id")).rows();
 * List<Reply> replies = router.executeAll(commands);                              // one flush, waits for all
 * }</pre>
 *
 * Failures are {@link io.routerbridge.routeros.RouterOsException}s: traps ({@code RouterTrapException}),
 * timeouts, broken connections, refused logins, TLS/pin refusals and open circuits each have their own subclass.
 */
package io.routerbridge.routeros;
