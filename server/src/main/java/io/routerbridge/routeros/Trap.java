package io.routerbridge.routeros;

/** One {@code !trap}: its {@code =message=} and, when the router sent one, its {@code =category=} (0..7). */
public record Trap(String message, Integer category) {
}
