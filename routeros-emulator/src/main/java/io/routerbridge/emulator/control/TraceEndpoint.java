package io.routerbridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.emulator.RouterOsEmulator;

/** POST /trace: runs the packet tracer over the router's current rules. */
final class TraceEndpoint {
    private TraceEndpoint() {
    }

    static Object trace(RouterOsEmulator emulator, JsonNode body) {
        throw new ControlServer.ClientError(501, "the packet tracer is not wired in yet");
    }
}
