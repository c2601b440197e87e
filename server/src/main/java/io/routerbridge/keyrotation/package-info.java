/**
 * Re-encryption of every credential we keep under the current master key ({@code rotate-key}), while the service
 * runs. {@link io.routerbridge.keyrotation.EncryptedColumnRepository} is the one registry of our encrypted columns:
 * it reads across the tables of several capabilities (routers, services, VPN users, NetBox, webhook) because
 * rotation is about the ciphertext format, not about what the values mean. Each value is replaced by a
 * compare-and-set on its old ciphertext, so a value a writer changed meanwhile is left to that writer (who
 * encrypts with the current key anyway); re-running is harmless and picks up where a stopped run left off.
 */
package io.routerbridge.keyrotation;
