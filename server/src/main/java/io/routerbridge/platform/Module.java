package io.routerbridge.platform;

import io.routerbridge.http.ApiRoutes;
import io.routerbridge.whmcs.ModuleCallListener;
import io.routerbridge.whmcs.ModuleFunctions;
import io.routerbridge.whmcs.WhmcsHooks;
import io.routerbridge.whmcs.web.ClientRoutes;
import java.util.List;

/**
 * One capability of the service, wired once at start: it builds its own parts in its constructor (taking what
 * earlier modules expose as constructor arguments) and declares here what it contributes. The application asks
 * every module the same questions in list order; a module answers only those that concern it.
 */
public interface Module extends AutoCloseable {

    /** Its parts of {@code /api/v1}, each with the error translations of its own exceptions. */
    default List<ApiRoutes> restRoutes() {
        return List.of();
    }

    /** Registers the WHMCS module functions and hooks it answers on the signed channel. */
    default void registerWhmcsHandlers(ModuleFunctions functions, WhmcsHooks hooks) {
    }

    /** Sees every module function call's parameters before its handler runs. */
    default List<ModuleCallListener> moduleCallListeners() {
        return List.of();
    }

    /** Its parts of the client area's signed routes ({@code /whmcs/v1/client/{clientId}}). */
    default List<ClientRoutes> clientRoutes() {
        return List.of();
    }

    /** Its operator pages. */
    default List<Page> pages() {
        return List.of();
    }

    /** Its periodic work; each pass runs on a thread of its own. */
    default List<BackgroundPass> backgroundPasses() {
        return List.of();
    }

    /** Releases what it holds (threads, connections); the application closes modules in reverse order. */
    @Override
    default void close() {
    }
}
