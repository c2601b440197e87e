package io.routerbridge.http;


/**
 * One capability's part of /api/v1. {@link #addRoutes()} runs inside the {@code /api/v1} path of the
 * route tree (use ApiBuilder's get/post/... with paths relative to it); every route it adds must be
 * described in {@code api/openapi.json} (a test compares the two).
 */
public interface ApiRoutes {
    void addRoutes();

    /** Maps the capability's own exceptions to the service's domain exceptions, for the one error mapper. */
    default void translateErrors(ErrorMapper errors) {
    }
}
